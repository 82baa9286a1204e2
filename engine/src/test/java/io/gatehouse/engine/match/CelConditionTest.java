package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @Test
    void theDirectStringEqualitySubsetAnswersAsTheInterpreterDoes() {
        List<String> direct = List.of(
                "principal.subject == 'alice'",
                "'alice' == principal.subject",
                "principal.subject != 'alice'",
                "principal.issuer == 'https://idp.example.com'",
                "principal.clientId == ''",
                "tool == 'fs_read'",
                "tool != 'fs_read' && request.method == 'tools/call'",
                "request.server == 'files' || request.resourceUri == 'file:///x'",
                "!(source == '10.1.2.3')",
                "source == '::ffff:10.1.2.3'",
                "source == '2001:db8::1' || source == '10.1.2.3'",
                "principal.subject == 'Alice'",
                "principal.subject == 'al\\u0069ce'");
        List<String> interpreted = List.of(
                "principal.subject == principal.issuer", // no literal
                "principal.claims.department == 'R&D'", // claims may be missing or not strings
                "args.path == '/srv/data/x'",
                "principal.subject == 'alice' && args.limit > 5",
                "tool == 'fs_read' || args.missing == 'x'", // the right side can fail
                "tool.startsWith('fs')",
                "has(principal.subject) && principal.subject == 'alice'");
        List<RequestContext> contexts = List.of(
                Contexts.sample(),
                new RequestContext(
                        "",
                        "",
                        "",
                        Set.of(),
                        Set.of(),
                        Map.of(),
                        "other",
                        "resources/read",
                        "",
                        "file:///x",
                        null,
                        IpAddresses.toInetAddress(
                                IpAddresses.parse("2001:db8::1").orElseThrow()),
                        Map.of(),
                        Instant.parse("2026-11-24T10:15:30Z")));
        int differentAnswers = 0;
        for (String expression : direct) {
            CelCondition fast = CelCondition.compile(expression);
            CelCondition slow = CelCondition.compile(expression, false);
            assertThat(fast.isDirect()).as(expression).isTrue();
            assertThat(slow.isDirect()).isFalse();
            Set<Boolean> answers = new java.util.HashSet<>();
            for (RequestContext context : contexts) {
                CelCondition.Result expected = slow.evaluate(context);
                assertThat(expected.error()).as(expression).isEmpty();
                assertThat(fast.evaluate(context))
                        .as(expression + " on " + context)
                        .isEqualTo(expected);
                answers.add(expected.matched());
            }
            differentAnswers += answers.size() > 1 ? 1 : 0;
        }
        assertThat(differentAnswers)
                .as("expressions whose answer depends on the request")
                .isGreaterThanOrEqualTo(8);
        for (String expression : interpreted) {
            assertThat(CelCondition.compile(expression).isDirect())
                    .as(expression)
                    .isFalse();
        }
    }
}
