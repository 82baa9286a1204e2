package io.gatehouse.devstack.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.devstack.mcp.ScenarioResult.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Per-scenario results of one conformance run, in the order the suite ran them.
 *
 * <p>Expected-results files are JSON objects {@code {"scenario-name": "pass"|"fail", ...}}; {@link
 * #compareTo(Map)} names every difference.
 */
public record ConformanceReport(URI target, Map<String, ScenarioResult> scenarios, Path outputDir) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ConformanceReport {
        Objects.requireNonNull(target, "target");
        scenarios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
    }

    public List<String> passed() {
        return names(Outcome.PASS);
    }

    public List<String> failed() {
        return names(Outcome.FAIL);
    }

    public ScenarioResult scenario(String name) {
        ScenarioResult result = scenarios.get(name);
        if (result == null) {
            throw new IllegalArgumentException(
                    "scenario: '" + name + "' was not run (ran: " + scenarios.keySet() + ")");
        }
        return result;
    }

    /** {@code {scenario: "pass"|"fail"}} in run order: the content of an expected-results file. */
    public Map<String, Outcome> outcomes() {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        scenarios.forEach((name, result) -> outcomes.put(name, result.outcome()));
        return outcomes;
    }

    /** This run's outcomes as an expected-results JSON document (sorted by scenario name). */
    public String toExpectationsJson() {
        ObjectNode root = JSON.createObjectNode();
        new TreeSet<>(scenarios.keySet())
                .forEach(name -> root.put(name, scenarios.get(name).outcome().json()));
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares with expected outcomes; see {@link Comparison#matches()} and {@link Comparison#describe()}. */
    public Comparison compareTo(Map<String, Outcome> expected) {
        List<String> regressions = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        expected.forEach((name, outcome) -> {
            ScenarioResult actual = scenarios.get(name);
            if (actual == null) {
                missing.add(name);
            } else if (outcome == Outcome.PASS && !actual.passed()) {
                regressions.add(name + " -> " + actual.failures());
            } else if (outcome == Outcome.FAIL && actual.passed()) {
                fixed.add(name);
            }
        });
        scenarios.keySet().stream().filter(n -> !expected.containsKey(n)).forEach(unexpected::add);
        return new Comparison(regressions, fixed, missing, unexpected);
    }

    /** Reads an expected-results file: a JSON object of scenario name to {@code "pass"} or {@code "fail"}. */
    public static Map<String, Outcome> readExpectations(InputStream json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("expected results: not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "expected results: expected a JSON object {scenario: \"pass\"|\"fail\"}");
        }
        Map<String, Outcome> expected = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        "expected results: " + e.getKey() + ": " + e.getValue() + " (expected \"pass\" or \"fail\")");
            }
            expected.put(e.getKey(), Outcome.fromJson(e.getValue().asText()));
        }
        return expected;
    }

    public static Map<String, Outcome> readExpectations(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readExpectations(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<String> names(Outcome outcome) {
        return scenarios.values().stream()
                .filter(r -> r.outcome() == outcome)
                .map(ScenarioResult::scenario)
                .toList();
    }

    /**
     * Differences between a run and its expected results.
     *
     * @param regressions expected to pass but failed (with the failing checks)
     * @param unexpectedPasses expected to fail but passed (update the expectations)
     * @param missing expected but not run
     * @param unexpected run but not in the expectations
     */
    public record Comparison(
            List<String> regressions, List<String> unexpectedPasses, List<String> missing, List<String> unexpected) {

        public Comparison {
            regressions = List.copyOf(regressions);
            unexpectedPasses = List.copyOf(unexpectedPasses);
            missing = List.copyOf(missing);
            unexpected = List.copyOf(unexpected);
        }

        /** True when every scenario has exactly its expected outcome and the sets are equal. */
        public boolean matches() {
            return regressions.isEmpty() && unexpectedPasses.isEmpty() && missing.isEmpty() && unexpected.isEmpty();
        }

        public String describe() {
            if (matches()) {
                return "conformance results match the expectations";
            }
            StringBuilder out = new StringBuilder("conformance results differ from the expectations:");
            section(out, "regressions (expected pass, got fail)", regressions);
            section(out, "unexpected passes (expected fail, got pass)", unexpectedPasses);
            section(out, "expected but not run", missing);
            section(out, "run but not expected", unexpected);
            return out.toString();
        }

        private static void section(StringBuilder out, String title, List<String> items) {
            if (!items.isEmpty()) {
                out.append(System.lineSeparator()).append("  ").append(title).append(':');
                items.forEach(
                        i -> out.append(System.lineSeparator()).append("    - ").append(i));
            }
        }
    }
}
