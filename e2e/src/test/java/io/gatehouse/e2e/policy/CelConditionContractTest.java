package io.gatehouse.e2e.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.controlplane.domain.policy.CelConditions;
import io.gatehouse.dataplane.policy.match.CelCondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The control plane stores a policy condition only if it compiles (CelConditions) and every data
 * plane compiles it again from the bundle (CelCondition). Both must agree on every expression, or a
 * condition the API accepted would make agents reject the whole bundle.
 */
class CelConditionContractTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "true",
                "tool == 'delete_file'",
                "principal.sub == 'alice' && 'admins' in principal.groups",
                "args.path.startsWith('/srv/data/')",
                "request.method == 'tools/call' && source.startsWith('10.')",
                "time.getHours() < 7 || time.getHours() >= 19",
                "size(args) > 3",
                "args.exists(k, k == 'url')",
                "has(principal.email) && principal.email.endsWith('@acme.example')",
                "timestamp('2026-01-01T00:00:00Z') < time",
            })
    void bothPlanesAcceptValidConditions(String expression) {
        assertThat(CelConditions.problem(expression)).as("control plane").isEmpty();
        assertThat(CelCondition.compile(expression)).as("data plane").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "tool ==",
                "tool == 'a' &&& true",
                "unknown_variable == 1",
                "tool + 1",
                "size(tool)",
                "'just a string'",
                "principal.sub == 'alice'))",
                "time.getHours(",
            })
    void bothPlanesRefuseInvalidConditions(String expression) {
        assertThat(CelConditions.problem(expression)).as("control plane").isPresent();
        boolean dataPlaneRefuses;
        try {
            CelCondition.compile(expression);
            dataPlaneRefuses = false;
        } catch (IllegalArgumentException e) {
            dataPlaneRefuses = true;
        }
        assertThat(dataPlaneRefuses).as("data plane refuses %s", expression).isTrue();
    }
}
