package io.gatehouse.e2e.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium with its own chromedriver (no Selenium Manager, no downloads) and helpers that wait for
 * Vaadin's round trips; the console's own browser tests use the same approach.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    ConsoleBrowser() throws IOException {
        profile = Files.createTempDirectory("gatehouse-newcomer-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
        settle();
    }

    /** Waits until Vaadin has no request in flight. */
    void settle() {
        wait.until(
                d -> Boolean.TRUE.equals(
                        ((JavascriptExecutor) d)
                                .executeScript(
                                        "if (!window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients) return false;"
                                                + "return Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive());")));
    }

    WebElement byId(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    void type(String fieldId, String text) {
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#" + fieldId + " input, #" + fieldId + " textarea")));
        input.clear();
        input.sendKeys(text);
        settle();
    }

    void click(String id) {
        click(By.id(id));
    }

    void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            // the checklist is taller than the window: bring the button into view as a person scrolls
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
            element.click();
            return true;
        });
        settle();
    }

    /** Picks an item of a vaadin-select or (multi-select) combo box by its label. */
    void choose(String id, String label) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("document.getElementById(arguments[0]).opened = true;", id);
        settle();
        wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                "function deep(root, out) {"
                        + "  root.querySelectorAll('vaadin-select-item, vaadin-combo-box-item,"
                        + " vaadin-multi-select-combo-box-item').forEach(e => out.push(e));"
                        + "  root.querySelectorAll('*').forEach(e => { if (e.shadowRoot) deep(e.shadowRoot, out); });"
                        + "  return out;"
                        + "}"
                        + "const item = deep(document, []).find(i => i.textContent.trim() === arguments[0]"
                        + "    && i.getBoundingClientRect().height > 0);"
                        + "if (!item) return false;"
                        + "item.click(); return true;",
                label)));
        settle();
        js.executeScript("document.getElementById(arguments[0]).opened = false;", id);
        settle();
    }

    String text(String id) {
        settle();
        return byId(id).getText();
    }

    /** The value of a Vaadin field (text areas hold the commands the console shows). */
    String value(String id) {
        settle();
        return String.valueOf(
                ((JavascriptExecutor) driver).executeScript("return document.getElementById(arguments[0]).value;", id));
    }

    String gridText(String id) {
        settle();
        return String.valueOf(((JavascriptExecutor) driver)
                .executeScript(
                        "const g = document.getElementById(arguments[0]);"
                                + "return Array.from(g.querySelectorAll('vaadin-grid-cell-content'))"
                                + "  .filter(c => { const tr = c.assignedSlot && c.assignedSlot.closest('tr');"
                                + "                 return tr && !tr.hidden && tr.offsetParent !== null; })"
                                + "  .map(c => c.innerText).join(' | ');",
                        id));
    }

    /** Waits up to {@code limit} for {@code condition}, e.g. a checklist step turning green. */
    <T> T await(Duration limit, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, limit, Duration.ofMillis(500))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    void screenshot(String name) {
        settle();
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }
}
