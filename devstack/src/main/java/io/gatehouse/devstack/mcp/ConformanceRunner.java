package io.gatehouse.devstack.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.devstack.mcp.ScenarioResult.Check;
import io.gatehouse.devstack.mcp.ScenarioResult.Outcome;
import io.gatehouse.devstack.node.NodeTools;
import io.gatehouse.devstack.node.NpmPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pinned MCP conformance suite ({@link NpmPackage#CONFORMANCE}, server mode) against a
 * Streamable HTTP URL with Node 22 from {@link NodeTools}, and parses its machine-readable results.
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceRunner.run(URI.create("http://127.0.0.1:9090/mcp/fixture"), Duration.ofMinutes(3));
 * report.failed();                                   // e.g. [dns-rebinding-protection]
 * report.compareTo(ConformanceReport.readExpectations(file)).describe();
 * }</pre>
 *
 * <p>The suite writes one {@code server-<scenario>-<timestamp>/checks.json} per scenario into its
 * {@code -o} directory and a summary line per scenario on stdout ({@code ✓ name: 3 passed, 0 failed});
 * a scenario passes when none of its checks has status FAILURE (WARNING and INFO do not fail it). The
 * suite sends no Authorization header, and {@code dns-rebinding-protection} needs a loopback URL.
 */
public final class ConformanceRunner {

    /** The suite with every server scenario (32 in 0.1.16, including the two pending ones). */
    public static final String SUITE_ALL = "all";

    private static final Pattern SUMMARY = Pattern.compile("^[✓✗] (\\S+): (\\d+) passed, (\\d+) failed\\s*$");
    private static final Pattern RESULT_DIR = Pattern.compile("^server-(.+)-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(ConformanceRunner.class);

    private ConformanceRunner() {}

    /** {@code --suite all} against {@code url} with the standard {@link NodeTools}. */
    public static ConformanceReport run(URI url, Duration timeout) {
        return run(NodeTools.standard(), url, SUITE_ALL, timeout);
    }

    /**
     * Runs one suite ({@code all}, {@code active} or {@code pending}) against {@code url}.
     *
     * @throws ConformanceRunException when the suite does not finish within {@code timeout} or its output
     *     cannot be parsed
     */
    public static ConformanceReport run(NodeTools nodeTools, URI url, String suite, Duration timeout) {
        Objects.requireNonNull(nodeTools, "nodeTools");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(suite, "suite");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url: '" + url + "' (expected an http(s) URL)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected > 0)");
        }
        List<String> command = nodeTools.command(
                NpmPackage.CONFORMANCE,
                "conformance",
                List.of("server", "--url", url.toString(), "--suite", suite, "-o", "results"));
        Path workDir = createWorkDir();
        Path stdout = workDir.resolve("stdout.log");
        log.info(
                "running conformance {} --suite {} against {} (results in {})",
                NpmPackage.CONFORMANCE,
                suite,
                url,
                workDir);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(stdout.toFile());
        builder.environment().put("NO_COLOR", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ConformanceRunException("cannot start the conformance suite: " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                NodeTools.destroyProcessTree(process);
                throw new ConformanceRunException("conformance suite against " + url + " did not finish within "
                        + timeout + "; scenarios finished: " + finishedScenarios(workDir.resolve("results"))
                        + "; output in " + stdout);
            }
        } catch (InterruptedException e) {
            NodeTools.destroyProcessTree(process);
            Thread.currentThread().interrupt();
            throw new ConformanceRunException("interrupted while running the conformance suite", e);
        }
        return parse(url, workDir.resolve("results"), readLines(stdout), stdout);
    }

    static ConformanceReport parse(URI url, Path resultsDir, List<String> stdoutLines, Path stdout) {
        Map<String, int[]> summary = new LinkedHashMap<>();
        for (String line : stdoutLines) {
            Matcher m = SUMMARY.matcher(line);
            if (m.matches()) {
                summary.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
            }
        }
        if (summary.isEmpty()) {
            int from = Math.max(0, stdoutLines.size() - 20);
            throw new ConformanceRunException("conformance suite printed no summary (crashed?); output in " + stdout
                    + "; last lines:" + System.lineSeparator()
                    + String.join(System.lineSeparator(), stdoutLines.subList(from, stdoutLines.size())));
        }
        Map<String, Path> checkFiles = checkFiles(resultsDir);
        Map<String, ScenarioResult> scenarios = new LinkedHashMap<>();
        summary.forEach((name, counts) -> {
            List<Check> failures = new ArrayList<>();
            List<Check> warnings = new ArrayList<>();
            Path checks = checkFiles.get(name);
            if (checks != null) {
                for (JsonNode check : readJson(checks)) {
                    Check c = new Check(
                            check.path("id").asText(),
                            check.path("description").asText(),
                            check.path("errorMessage").asText(null));
                    switch (check.path("status").asText()) {
                        case "FAILURE" -> failures.add(c);
                        case "WARNING" -> warnings.add(c);
                        default -> {}
                    }
                }
            } else if (counts[1] > 0) {
                failures.add(new Check(name, "scenario crashed before writing checks.json", "see " + stdout));
            }
            if (failures.isEmpty() && counts[1] > 0) {
                failures.add(new Check(name, counts[1] + " failed checks", "see " + stdout));
            }
            Outcome outcome = failures.isEmpty() ? Outcome.PASS : Outcome.FAIL;
            scenarios.put(name, new ScenarioResult(name, outcome, failures, warnings));
        });
        return new ConformanceReport(url, scenarios, resultsDir);
    }

    private static Map<String, Path> checkFiles(Path resultsDir) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (!Files.isDirectory(resultsDir)) {
            return files;
        }
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            dirs.sorted()
                    .forEach(dir -> scenarioOf(dir).ifPresent(name -> {
                        Path checks = dir.resolve("checks.json");
                        if (Files.exists(checks)) {
                            files.put(name, checks);
                        }
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resultsDir, e);
        }
        return files;
    }

    private static Optional<String> scenarioOf(Path dir) {
        Matcher m = RESULT_DIR.matcher(dir.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static List<String> finishedScenarios(Path resultsDir) {
        return List.copyOf(checkFiles(resultsDir).keySet());
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isArray()) {
                throw new ConformanceRunException(file + ": expected a JSON array of checks");
            }
            return node;
        } catch (IOException e) {
            throw new ConformanceRunException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConformanceRunException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("gatehouse-conformance-");
        } catch (IOException e) {
            throw new ConformanceRunException("cannot create a temp directory: " + e.getMessage(), e);
        }
    }

    /** The suite could not be run to completion or its output could not be read. */
    public static final class ConformanceRunException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConformanceRunException(String message) {
            super(message);
        }

        public ConformanceRunException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
