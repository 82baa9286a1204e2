package io.gatehouse.devstack.mcp;

import java.util.List;
import java.util.Objects;

/**
 * One conformance scenario's outcome: {@link Outcome#PASS} when none of its checks failed.
 *
 * @param failures the checks with status FAILURE (id and the suite's error message)
 * @param warnings the checks with status WARNING (they do not fail a scenario)
 */
public record ScenarioResult(String scenario, Outcome outcome, List<Check> failures, List<Check> warnings) {

    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(outcome, "outcome");
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
        if (outcome == Outcome.PASS && !failures.isEmpty()) {
            throw new IllegalArgumentException(
                    "outcome: PASS with " + failures.size() + " failed checks in " + scenario);
        }
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }

    /** PASS or FAIL, as in the expected-results files ({@code "pass"} / {@code "fail"}). */
    public enum Outcome {
        PASS,
        FAIL;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Outcome fromJson(String value) {
            return switch (value) {
                case "pass" -> PASS;
                case "fail" -> FAIL;
                default ->
                    throw new IllegalArgumentException("outcome: '" + value + "' (expected \"pass\" or \"fail\")");
            };
        }
    }

    /** One check of the suite ({@code checks.json}): its id and message. */
    public record Check(String id, String description, String errorMessage) {
        @Override
        public String toString() {
            return id + ": " + (errorMessage == null || errorMessage.isBlank() ? description : errorMessage);
        }
    }
}
