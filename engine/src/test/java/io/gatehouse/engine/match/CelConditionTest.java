package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CelConditionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "principal.subject == 'alice' | true",
                "principal.subject == 'bob' | false",
                "'oncall' in principal.groups | true",
                "principal.clientId.startsWith('ide-') | true",
                "principal.claims.department == 'R&D' | true",
                "principal.claims.level > 5 | true",
                "'writer' in principal.claims.roles | true",
                "principal.claims.address.country == 'DE' | true",
                "request.server == 'files' && request.method == 'tools/call' | true",
                "request.headers['x-device-posture'][0] == 'compliant' | true",
                "tool == 'fs_read' | true",
                "tool.matches('^fs_[a-z]+$') | true",
                "args.path.startsWith('/srv/data/') | true",
                "args.limit <= 100 | true",
                "args.tags.exists(t, t == 'b') | true",
                "size(args.tags) == 3 | false",
                "has(args.recursive) | false",
                "time > timestamp('2026-01-01T00:00:00Z') | true",
                "time.getHours('Europe/Berlin') == 11 | true",
                "time.getDayOfWeek('UTC') == 2 | true",
                "source.startsWith('10.') | true",
                "source == '10.1.2.3' | true"
            })
    void evaluatesAgainstTheContext(String expression, boolean expected) {
        CelCondition.Result result = CelCondition.compile(expression).evaluate(Contexts.sample());
        assertThat(result.error()).as(expression).isEmpty();
        assertThat(result.matched()).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "principal.subject ==", // syntax
                "unknown_var == 1", // undeclared variable
                "tool + 1 == 2", // type error: string + int
                "tool", // not boolean
                "1 + 2", // not boolean
                "time == 'yesterday'", // timestamp vs string
                "  "
            })
    void compileErrorsAreReportedAtCompileTime(String expression) {
        assertThatThrownBy(() -> CelCondition.compile(expression)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compileErrorMessageSaysWhereAndWhat() {
        assertThatThrownBy(() -> CelCondition.compile("unknown_var == 1"))
                .hasMessageContaining("does not compile")
                .hasMessageContaining("undeclared reference to 'unknown_var'");
        assertThatThrownBy(() -> CelCondition.compile("tool")).hasMessageContaining("(expected: bool)");
    }

    @Test
    void evaluationErrorsFailClosedWithAReason() {
        CelCondition missingKey = CelCondition.compile("args.nonexistent == 'x'");
        CelCondition.Result result = missingKey.evaluate(Contexts.sample());
        assertThat(result.matched()).isFalse();
        assertThat(result.failed()).isTrue();
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("CEL evaluation failed"));

        CelCondition wrongType = CelCondition.compile("args.path > 3");
        assertThat(wrongType.evaluate(Contexts.sample()).failed()).isTrue();

        CelCondition dynNotBool = CelCondition.compile("args.limit");
        CelCondition.Result notBool = dynNotBool.evaluate(Contexts.sample());
        assertThat(notBool.matched()).isFalse();
        assertThat(notBool.error()).hasValueSatisfying(e -> assertThat(e).contains("expected: bool"));
    }

    @Test
    void iterationLimitStopsRunawayComprehensions() {
        CelCondition heavy = CelCondition.compile(
                "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c,"
                        + " [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, a > 0)))))");
        CelCondition.Result result = heavy.evaluate(Contexts.sample());
        assertThat(result.matched()).isFalse();
        assertThat(result.failed()).isTrue();
    }

    @Test
    void argumentsWithoutObjectShapeAreAnEmptyMap() {
        RequestContext c = Contexts.withArguments(Contexts.json("[1,2]"));
        assertThat(CelCondition.compile("size(args) == 0").evaluate(c).matched())
                .isTrue();
    }

    @Test
    void bindingsAreSharedAcrossConditionsOfOneRequest() {
        CelCondition.Bindings bindings = CelCondition.bind(Contexts.sample());
        assertThat(CelCondition.compile("args.limit == 10").evaluate(bindings).matched())
                .isTrue();
        assertThat(CelCondition.compile("args.path == '/srv/data/x'")
                        .evaluate(bindings)
                        .matched())
                .isTrue();
        assertThat(CelCondition.compile("principal.claims.level == 8")
                        .evaluate(bindings)
                        .matched())
                .isFalse();
        assertThat(bindings.find("args")).containsSame(bindings.find("args").orElseThrow());
        assertThat(bindings.find("nope")).isEmpty();
    }

    @Test
    void oversizedExpressionsAreRejected() {
        String huge = "tool == '" + "x".repeat(CelCondition.MAX_EXPRESSION_LENGTH) + "'";
        assertThatThrownBy(() -> CelCondition.compile(huge)).isInstanceOf(IllegalArgumentException.class);
    }
}
