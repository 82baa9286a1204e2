package io.gatehouse.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its own chromedriver (no Selenium Manager, no downloads), one per
 * test JVM, with helpers that wait for Vaadin's round trips.
 */
final class Browser {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static Browser instance;
    final WebDriver driver;
    final WebDriverWait wait;

    private Browser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static synchronized Browser get() {
        if (instance == null) {
            try {
                Path profile = Files.createTempDirectory("gatehouse-chromium");
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
                WebDriver driver = new ChromeDriver(service, options);
                Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
                instance = new Browser(driver);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
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

    WebElement find(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    WebElement byId(String id) {
        return find(By.id(id));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Types into a Vaadin text field (its native input sits in the light DOM). */
    void type(String fieldId, String text) {
        WebElement input = find(By.cssSelector("#" + fieldId + " input, #" + fieldId + " textarea"));
        input.clear();
        input.sendKeys(text);
        settle();
    }

    void click(String id) {
        WebElement element = byId(id);
        wait.until(ExpectedConditions.elementToBeClickable(element));
        element.click();
        settle();
    }

    void click(By by) {
        WebElement element = find(by);
        wait.until(ExpectedConditions.elementToBeClickable(element));
        element.click();
        settle();
    }

    /** Picks an item of a vaadin-select, combo box or multi-select combo box by its label. */
    void choose(String id, String label) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("document.getElementById(arguments[0]).opened = true;", id);
        settle();
        wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                "function deep(root, out) {"
                        + "  root.querySelectorAll('vaadin-select-item, vaadin-combo-box-item, vaadin-multi-select-combo-box-item')"
                        + "      .forEach(e => out.push(e));"
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

    /** The texts of every grid cell of the grid with this id. */
    String gridText(String id) {
        settle();
        Object text = ((JavascriptExecutor) driver)
                .executeScript(
                        "const g = document.getElementById(arguments[0]);"
                                + "return Array.from(g.querySelectorAll('vaadin-grid-cell-content'))"
                                // rows beyond the item count stay in the DOM, hidden; skip them
                                + "  .filter(c => { const tr = c.assignedSlot && c.assignedSlot.closest('tr');"
                                + "                 return tr && !tr.hidden && tr.offsetParent !== null; })"
                                + "  .map(c => c.innerText).join(' | ');",
                        id);
        return String.valueOf(text);
    }

    String text(String id) {
        settle();
        return byId(id).getText();
    }

    /** The error message a Vaadin field shows, or "" when it is valid. */
    String fieldError(String id) {
        settle();
        Object message = ((JavascriptExecutor) driver)
                .executeScript(
                        "const f = document.getElementById(arguments[0]); return f.invalid ? (f.errorMessage || '') : '';",
                        id);
        return String.valueOf(message);
    }

    String value(String id) {
        settle();
        return String.valueOf(
                ((JavascriptExecutor) driver).executeScript("return document.getElementById(arguments[0]).value;", id));
    }

    void screenshot(String name) {
        settle();
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
