package io.gatehouse.engine.redaction;

import static io.gatehouse.protocol.bundle.RedactionRule.Action.BLOCK;
import static io.gatehouse.protocol.bundle.RedactionRule.Action.HASH;
import static io.gatehouse.protocol.bundle.RedactionRule.Action.MASK;
import static io.gatehouse.protocol.bundle.RedactionRule.Direction.BOTH;
import static io.gatehouse.protocol.bundle.RedactionRule.Direction.REQUEST;
import static io.gatehouse.protocol.bundle.RedactionRule.Direction.RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.protocol.bundle.RedactionRule;
import io.gatehouse.protocol.bundle.RedactionRule.Action;
import io.gatehouse.protocol.bundle.RedactionRule.Direction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "agent-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String AWS_ID = "AKIA" + "LDRW7N5IU7CNGRSF";

    static RedactionRule rule(String id, List<String> detectors, Direction direction, Action action) {
        return new RedactionRule(id, id, detectors, List.of(), direction, action);
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void masksStringsAtAnyDepthAndLeavesTheInputAndUntouchedSubtreesAlone() throws Exception {
        Redactor redactor = Redactor.compile(List.of(rule("pii", List.of("email", "phone_e164"), BOTH, MASK)), KEY);
        JsonNode in = json("{\"user\":{\"emails\":[\"a.b@example.com\",{\"note\":\"call +14155552671 now\"}]},"
                + "\"other\":{\"n\":5,\"s\":\"plain\"},\"list\":[1,true,null]}");
        String before = in.toString();

        Redaction r = redactor.redact(in, REQUEST);

        assertThat(r.value().toString())
                .isEqualTo(
                        "{\"user\":{\"emails\":[\"[REDACTED:email]\",{\"note\":\"call [REDACTED:phone_e164] now\"}]},"
                                + "\"other\":{\"n\":5,\"s\":\"plain\"},\"list\":[1,true,null]}");
        assertThat(in.toString()).isEqualTo(before);
        assertThat(r.value().get("other")).isSameAs(in.get("other"));
        assertThat(r.findings())
                .containsExactly(
                        new Finding("pii", "email", "/user/emails/0", false, MASK),
                        new Finding("pii", "phone_e164", "/user/emails/1/note", false, MASK));
        assertThat(r.blocked()).isFalse();
        assertThat(r.changed()).isTrue();
    }

    @Test
    void numbersThatAreSecretsBecomeMaskedStrings() throws Exception {
        Redactor redactor = Redactor.compile(List.of(rule("pci", List.of("payment_card"), BOTH, MASK)), KEY);
        Redaction r = redactor.redact(json("{\"card\":4111111111111111,\"qty\":4111111111111112,\"p\":1.5}"), REQUEST);
        assertThat(r.value().toString())
                .isEqualTo("{\"card\":\"[REDACTED:payment_card]\",\"qty\":4111111111111112,\"p\":1.5}");
        assertThat(r.findings()).containsExactly(new Finding("pci", "payment_card", "/card", false, MASK));
    }

    @Test
    void returnsTheSameTreeWhenNothingMatches() throws Exception {
        Redactor redactor = Redactor.compile(List.of(rule("pii", List.of("email"), BOTH, MASK)), KEY);
        JsonNode in = json("{\"a\":[\"x\",{\"b\":\"no secrets here\"}]}");
        Redaction r = redactor.redact(in, RESPONSE);
        assertThat(r.value()).isSameAs(in);
        assertThat(r.findings()).isEmpty();
        assertThat(r.changed()).isFalse();
    }

    @Test
    void hashIsStableKeyedAndNeverRevealsTheValue() throws Exception {
        List<RedactionRule> rules = List.of(rule("corr", List.of("email"), BOTH, HASH));
        Redactor a = Redactor.compile(rules, KEY);
        Redactor b = Redactor.compile(rules, "another-agent-key-0123456789".getBytes(StandardCharsets.UTF_8));
        JsonNode in = json("[\"x@example.com\",\"again x@example.com\",\"y@example.com\"]");

        Redaction r = a.redact(in, RESPONSE);
        String h0 = r.value().get(0).textValue();
        assertThat(h0).matches("\\[HASH:email:[0-9a-f]{16}]");
        assertThat(r.value().get(1).textValue()).isEqualTo("again " + h0);
        assertThat(r.value().get(2).textValue()).isNotEqualTo(h0);
        assertThat(b.redact(in, RESPONSE).value().get(0).textValue()).isNotEqualTo(h0);
        assertThat(r.findings()).extracting(Finding::action).containsOnly(HASH);
        assertThat(r.findings().toString()).doesNotContain("example.com");

        Redactor longHash = Redactor.compile(rules, KEY, new Redactor.Options(false, 64));
        assertThat(longHash.redact(in, RESPONSE).value().get(0).textValue()).matches("\\[HASH:email:[0-9a-f]{64}]");
    }

    @Test
    void blockRuleFlagsTheCallAndStillMasks() throws Exception {
        Redactor redactor = Redactor.compile(
                List.of(
                        rule("pii", List.of("email"), BOTH, MASK),
                        rule("no-cloud-keys", List.of("aws_access_key_id"), REQUEST, BLOCK)),
                KEY);
        Redaction r = redactor.redact(
                json("{\"env\":{\"AWS_ACCESS_KEY_ID\":\"" + AWS_ID + "\"},\"to\":\"a@b.io\"}"), REQUEST);

        assertThat(r.blocked()).isTrue();
        assertThat(r.blocking())
                .contains(new Finding("no-cloud-keys", "aws_access_key_id", "/env/AWS_ACCESS_KEY_ID", false, BLOCK));
        assertThat(r.value().toString()).doesNotContain(AWS_ID).contains("[REDACTED:aws_access_key_id]");
        assertThat(r.blockMessage())
                .contains("blocked by redaction rule no-cloud-keys (aws_access_key_id at /env/AWS_ACCESS_KEY_ID)");
        assertThat(Redaction.BLOCKED_ERROR).isEqualTo("REDACTION_BLOCKED");
    }

    @Test
    void memberNamesGiveContextToValuesWithoutAPrefix() throws Exception {
        Redactor redactor = Redactor.compile(List.of(rule("aws", List.of("aws_secret_access_key"), BOTH, MASK)), KEY);
        String secret = "mTo4DqIOJQMN6O2c6HRWqM9F/ETpd3IeietgRCKG";
        Redaction r = redactor.redact(
                json("{\"SecretAccessKey\":\"" + secret + "\",\"keys\":{\"aws_secret\":[\"" + secret + "\"]},"
                        + "\"etag\":\"" + secret + "\"}"),
                REQUEST);
        assertThat(r.findings()).extracting(Finding::pointer).containsExactly("/SecretAccessKey", "/keys/aws_secret/0");
        assertThat(r.value().get("etag").textValue()).isEqualTo(secret);
    }

    @Test
    void rulesApplyOnlyInTheirDirection() throws Exception {
        Redactor redactor = Redactor.compile(
                List.of(
                        rule("args", List.of("email"), REQUEST, MASK),
                        rule("results", List.of("us_ssn"), RESPONSE, BLOCK)),
                KEY);
        JsonNode in = json("{\"a\":\"a@example.com\",\"b\":\"SSN 123-45-6788\"}");

        Redaction request = redactor.redact(in, REQUEST);
        assertThat(request.findings()).extracting(Finding::detector).containsExactly("email");
        assertThat(request.blocked()).isFalse();

        Redaction response = redactor.redact(in, RESPONSE);
        assertThat(response.findings()).extracting(Finding::detector).containsExactly("us_ssn");
        assertThat(response.blocked()).isTrue();

        assertThat(redactor.appliesTo(REQUEST)).isTrue();
        assertThat(Redactor.compile(List.of(rule("args", List.of("email"), REQUEST, MASK)), KEY)
                        .appliesTo(RESPONSE))
                .isFalse();
        assertThatThrownBy(() -> redactor.redact(in, BOTH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("direction: BOTH (expected REQUEST or RESPONSE)");
    }

    @Test
    void memberNamesAreRedactedWhenConfiguredAndNeverLeakThroughPointers() throws Exception {
        List<RedactionRule> rules = List.of(rule("pii", List.of("email"), BOTH, MASK));
        JsonNode in = json("{\"alice@example.com\":{\"note\":\"bob@example.com\"},\"carol@example.com\":1}");

        Redaction keysOff = Redactor.compile(rules, KEY).redact(in, REQUEST);
        assertThat(keysOff.value().has("alice@example.com")).isTrue();
        assertThat(keysOff.findings())
                .containsExactly(new Finding("pii", "email", "/[REDACTED:email]/note", false, MASK));

        Redaction keysOn =
                Redactor.compile(rules, KEY, new Redactor.Options(true, 16)).redact(in, REQUEST);
        assertThat(keysOn.value().toString())
                .isEqualTo("{\"[REDACTED:email]\":{\"note\":\"[REDACTED:email]\"},\"[REDACTED:email]#2\":1}");
        assertThat(keysOn.findings())
                .containsExactly(
                        new Finding("pii", "email", "", true, MASK),
                        new Finding("pii", "email", "/[REDACTED:email]/note", false, MASK),
                        new Finding("pii", "email", "", true, MASK));
    }

    @Test
    void overlappingMatchesMergeWithTheStrongestAction() throws Exception {
        Redactor redactor = Redactor.compile(
                List.of(
                        rule("pii", List.of("email"), BOTH, MASK),
                        new RedactionRule(
                                "internal", "internal", List.of(), List.of("corp\\.example\\.com"), BOTH, BLOCK)),
                KEY);
        TextRedaction r = redactor.redactText("mail ops@corp.example.com today", RESPONSE);
        assertThat(r.text()).isEqualTo("mail [REDACTED:pattern:internal] today");
        assertThat(r.findings()).containsExactly(new Finding("internal", "pattern:internal", "", false, BLOCK));
        assertThat(r.blocked()).isTrue();
        assertThat(r.blockMessage()).contains("blocked by redaction rule internal (pattern:internal at /)");
    }

    @Test
    void eventDataIsRedactedAsJsonWhenItIsJsonAndAsTextOtherwise() throws Exception {
        Redactor redactor = Redactor.compile(List.of(rule("pii", List.of("email", "jwt"), RESPONSE, MASK)), KEY);

        TextRedaction json = redactor.redactEventData(
                "{\"jsonrpc\":\"2.0\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"x@example.com\"}]}}",
                RESPONSE);
        assertThat(json.text())
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"[REDACTED:email]\"}]}}");
        assertThat(json.findings()).extracting(Finding::pointer).containsExactly("/result/content/0/text");

        TextRedaction text = redactor.redactEventData("progress: mailed x@example.com", RESPONSE);
        assertThat(text.text()).isEqualTo("progress: mailed [REDACTED:email]");

        TextRedaction broken = redactor.redactEventData("{not json x@example.com", RESPONSE);
        assertThat(broken.text()).isEqualTo("{not json [REDACTED:email]");

        String clean = "{\"a\": 1}";
        assertThat(redactor.redactEventData(clean, RESPONSE).text()).isSameAs(clean);
    }

    @Test
    void secretsInsideLongTextAreAllReplaced() throws Exception {
        Redactor redactor = Redactor.compile(List.of(rule("all", List.copyOf(Detectors.ids()), BOTH, MASK)), KEY);
        String pem =
                "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5xsBmtG5RmDCBoAoGCCqGSM49\n"
                        + "-----END EC PRIVATE KEY-----";
        String text = "card 4111 1111 1111 1111, iban DE89 3704 0044 0532 0130 00, id 11010519491231002X, " + pem
                + " and ghp_" + "a".repeat(18) + "B".repeat(18) + ".";
        TextRedaction r = redactor.redactText(text, REQUEST);
        assertThat(r.text())
                .isEqualTo("card [REDACTED:payment_card], iban [REDACTED:iban], id [REDACTED:cn_resident_id], "
                        + "[REDACTED:pem_private_key] and [REDACTED:github_token].");
    }

    @Test
    void compileRejectsUnknownDetectorsAndShortKeys() {
        assertThatThrownBy(() -> Redactor.compile(List.of(rule("r1", List.of("email", "ssn"), BOTH, MASK)), KEY))
                .isInstanceOf(RedactionConfigException.class)
                .hasMessageStartingWith("rule r1: unknown detector 'ssn' (expected one of [")
                .hasMessageContaining("us_ssn");
        assertThatThrownBy(() -> Redactor.compile(List.of(), new byte[8]))
                .isInstanceOf(RedactionConfigException.class)
                .hasMessage("hashKey: 8 bytes (expected >= 16)");
        assertThatThrownBy(() -> new Redactor.Options(false, 4))
                .isInstanceOf(RedactionConfigException.class)
                .hasMessage("hashHexChars: 4 (expected 8..64)");
    }

    @Test
    void keyMaterialIsCopiedAtConstruction() throws Exception {
        byte[] key = KEY.clone();
        Redactor redactor = Redactor.compile(List.of(rule("corr", List.of("email"), BOTH, HASH)), key);
        String before = redactor.redactText("x@example.com", REQUEST).text();
        key[0] ^= 1;
        assertThat(redactor.redactText("x@example.com", REQUEST).text()).isEqualTo(before);
    }
}
