package io.gatehouse.engine.redaction;

import static io.gatehouse.protocol.bundle.RedactionRule.Action.MASK;
import static io.gatehouse.protocol.bundle.RedactionRule.Direction.BOTH;
import static io.gatehouse.protocol.bundle.RedactionRule.Direction.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.TextNode;
import io.gatehouse.protocol.bundle.RedactionRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TenantPatternTest {

    private static final byte[] KEY = "agent-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    /** Generous: linear scans of 1 MB take well under a second; exponential ones would never finish. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    static Redactor withPattern(String pattern) {
        return Redactor.compile(
                List.of(new RedactionRule("acme", "acme", List.of(), List.of(pattern), BOTH, MASK)), KEY);
    }

    @Test
    void tenantPatternsRedactLikeDetectors() {
        TextRedaction r = withPattern("ACME-[0-9]{6}").redactText("ticket ACME-123456 and ACME-654321", REQUEST);
        assertThat(r.text()).isEqualTo("ticket [REDACTED:pattern:acme] and [REDACTED:pattern:acme]");
        assertThat(r.findings()).hasSize(2).allMatch(f -> f.detector().equals("pattern:acme"));
    }

    @Test
    void shortValuesAreScannedToo() {
        Redactor redactor = withPattern("[0-9]{3}");
        assertThat(redactor.redact(TextNode.valueOf("123"), REQUEST).value().textValue())
                .isEqualTo("[REDACTED:pattern:acme]");
    }

    @Test
    void catastrophicBacktrackingPatternsRunInLinearTime() {
        String input = "a".repeat(1 << 20) + "!";
        for (String hostile : List.of("(a+)+$", "(a|aa)+$", "(a*)*b", "(.*a){20}$", "^(([a-z])+.)+[A-Z]([a-z])+$")) {
            Redactor redactor = withPattern(hostile);
            TextRedaction r = assertTimeoutPreemptively(BOUND, () -> redactor.redactText(input, REQUEST), hostile);
            assertThat(r.text()).as(hostile).isSameAs(input);
        }
    }

    @Test
    void builtInDetectorsStayFastOnAdversarialMegabytes() {
        Redactor all = Redactor.compile(
                List.of(new RedactionRule("all", "all", List.copyOf(Detectors.ids()), List.of(), BOTH, MASK)), KEY);
        List<String> inputs = List.of(
                "1".repeat(1 << 20),
                "1 ".repeat(1 << 19),
                "a@".repeat(1 << 19),
                "a.".repeat(1 << 19) + "@",
                "eyJhbGciOi.".repeat(1 << 16),
                "-----BEGIN RSA PRIVATE KEY-----".repeat(1 << 15),
                "+1".repeat(1 << 19),
                "DE89 ".repeat(1 << 18),
                "sk-".repeat(1 << 18) + "aws secret " + "Ab1/".repeat(1 << 16));
        for (String input : inputs) {
            assertTimeoutPreemptively(BOUND, () -> all.redactText(input, REQUEST), input.substring(0, 20));
        }
    }

    @Test
    void hugeAlternationsAreRejected() {
        String alternation = IntStream.range(0, 100).mapToObj(i -> "w" + i).collect(Collectors.joining("|"));
        assertThatThrownBy(() -> withPattern(alternation))
                .isInstanceOf(RedactionConfigException.class)
                .hasMessage("rule acme patterns[0]: pattern has 99 alternatives (expected <= 64)");
        String huge = IntStream.range(0, 10_000).mapToObj(i -> "word" + i).collect(Collectors.joining("|"));
        assertThatThrownBy(() -> withPattern(huge))
                .isInstanceOf(RedactionConfigException.class)
                .hasMessageMatching("rule acme patterns\\[0]: pattern has \\d+ characters \\(expected <= 512\\)");
    }

    @Test
    void tooManyPatternsInOneBundleAreRejected() {
        List<String> patterns = IntStream.range(0, 129).mapToObj(i -> "id" + i).toList();
        List<RedactionRule> rules = List.of(
                new RedactionRule("a", "a", List.of(), patterns.subList(0, 100), BOTH, MASK),
                new RedactionRule("b", "b", List.of(), patterns.subList(100, 129), BOTH, MASK));
        assertThatThrownBy(() -> Redactor.compile(rules, KEY))
                .isInstanceOf(RedactionConfigException.class)
                .hasMessage("rules: 129 tenant patterns (expected <= 128)");
        assertThat(Redactor.compile(rules.subList(0, 1), KEY)).isNotNull();
    }

    @Test
    void exponentialRepetitionIsRejected() {
        assertThatThrownBy(() -> withPattern("((a{100}){100}){100}"))
                .isInstanceOf(RedactionConfigException.class)
                .hasMessage("rule acme patterns[0]: counted repetitions multiply to 1000000 (expected <= 100000)");
        assertThat(withPattern("[a-z]{1,64}@[a-z]{2,255}")).isNotNull();
    }

    @Test
    void backtrackingOnlyFeaturesAreRejectedWithTheReason() {
        List<String> messages = new ArrayList<>();
        for (String p : List.of("(a)\\1", "foo(?=bar)", "(?<!x)y", "[unclosed")) {
            assertThatThrownBy(() -> withPattern(p))
                    .isInstanceOf(RedactionConfigException.class)
                    .hasMessageStartingWith("rule acme patterns[0]: not a valid RE2 pattern (")
                    .satisfies(e -> messages.add(e.getMessage()));
        }
        assertThat(messages).allMatch(m -> m.endsWith("RE2 has no backreferences or lookaround"));
    }

    @Test
    void patternsMatchingTheEmptyStringAreRejected() {
        for (String p : List.of("a*", "x?", "(foo|)", "^")) {
            assertThatThrownBy(() -> withPattern(p))
                    .isInstanceOf(RedactionConfigException.class)
                    .hasMessage("rule acme patterns[0]: pattern matches the empty string");
        }
    }

    @Test
    void zeroWidthMatchesInContextAreSkipped() {
        TextRedaction r = withPattern("\\bfoo|\\b").redactText("a foo b", REQUEST);
        assertThat(r.text()).isEqualTo("a [REDACTED:pattern:acme] b");
    }
}
