package io.gatehouse.engine.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.bundle.RedactionRule;
import io.gatehouse.protocol.bundle.RedactionRule.Direction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Redactor#redactBytes} (streaming, no tree) gives what {@link Redactor#redact} gives on the parsed value: the
 * same JSON and the same findings in the same order, on every labelled corpus sample of every detector placed at
 * random depths (objects, arrays, member names that give context, numbers), for mask, hash and block rules.
 */
class RedactBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] KEY = "test-hash-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static Redactor redactor(RedactionRule.Action action, boolean redactKeys) {
        return Redactor.compile(
                List.of(new RedactionRule(
                        "all", "all", List.copyOf(Detectors.ids()), List.of(), Direction.BOTH, action)),
                KEY,
                new Redactor.Options(redactKeys, 16));
    }

    /** A document holding every corpus sample somewhere, with the structure varied by a seeded random. */
    private static JsonNode document(long seed) throws Exception {
        Random random = new Random(seed);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode content = root.putObject("result").putArray("content");
        String[] names = {"text", "aws_secret_access_key", "note", "value", "data"};
        for (String id : Detectors.ids()) {
            for (DetectorCorpusTest.Sample sample : DetectorCorpusTest.load(id)) {
                String name = names[random.nextInt(names.length)];
                switch (random.nextInt(4)) {
                    case 0 -> content.addObject().put("type", "text").put(name, sample.text());
                    case 1 -> content.addArray().add(sample.text()).add(random.nextLong());
                    case 2 ->
                        content.addObject().putObject("nested").putArray(name).add(sample.text());
                    default -> content.add(sample.text());
                }
            }
        }
        root.put("cardAsNumber", 4111111111111111L)
                .put("ratio", 0.125)
                .put("flag", true)
                .putNull("nothing");
        root.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        return root;
    }

    @Test
    void sameOutputAndFindingsAsTheTreeWalkForEveryCorpusSample() throws Exception {
        for (RedactionRule.Action action : RedactionRule.Action.values()) {
            for (boolean redactKeys : new boolean[] {false, true}) {
                Redactor redactor = redactor(action, redactKeys);
                for (long seed = 1; seed <= 3; seed++) {
                    JsonNode doc = document(seed);
                    byte[] bytes = JSON.writeValueAsBytes(doc);
                    Redaction tree = redactor.redact(JSON.readTree(bytes), Direction.RESPONSE);
                    BytesRedaction streamed = redactor.redactBytes(bytes, Direction.RESPONSE);
                    assertThat(tree.changed()).isTrue();
                    assertThat(JSON.readTree(streamed.json()))
                            .as("%s redactKeys=%s seed %d", action, redactKeys, seed)
                            .isEqualTo(tree.value());
                    assertThat(streamed.findings()).isEqualTo(tree.findings());
                    assertThat(streamed.blocked()).isEqualTo(tree.blocked());
                }
            }
        }
    }

    @Test
    void unchangedInputIsReturnedAsIsAndNumbersKeepTheirText() throws Exception {
        Redactor redactor = redactor(RedactionRule.Action.MASK, false);
        byte[] clean = "{\"a\":[1.50,2e3,-0,{\"b\":\"plain text here\"}],\"c\":null}".getBytes(StandardCharsets.UTF_8);
        BytesRedaction result = redactor.redactBytes(clean, Direction.RESPONSE);
        assertThat(result.json()).isSameAs(clean);
        assertThat(result.changed()).isFalse();

        byte[] mixed = "{\"n\":1.50,\"m\":\"mail alice@example.com\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(redactor.redactBytes(mixed, Direction.RESPONSE).json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":1.50,\"m\":\"mail [REDACTED:email]\"}");
        byte[] pretty = "{\n  \"m\" : \"x\\\"y alice@example.com \\u00e9\",\n  \"k\": [ 4111111111111111 , \"ok\" ]\n}"
                .getBytes(StandardCharsets.UTF_8);
        BytesRedaction spliced = redactor.redactBytes(pretty, Direction.RESPONSE);
        assertThat(JSON.readTree(spliced.json()))
                .isEqualTo(redactor.redact(JSON.readTree(pretty), Direction.RESPONSE)
                        .value());
        assertThat(new String(spliced.json(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\n  \"m\" : \"x\\\"y [REDACTED:email] \u00e9\",\n  \"k\": [ \"[REDACTED:payment_card]\" , \"ok\" ]\n}");
        assertThatThrownBy(() -> redactor.redactBytes("{\"a\":".getBytes(StandardCharsets.UTF_8), Direction.RESPONSE))
                .isInstanceOf(JsonProcessingException.class);
    }
}
