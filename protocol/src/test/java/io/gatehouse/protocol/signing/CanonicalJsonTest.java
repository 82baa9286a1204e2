package io.gatehouse.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    private static String canonical(String json) {
        return new String(CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void sortsMembersRecursivelyAndDropsWhitespace() {
        assertThat(canonical("{ \"b\" : [ 1 , {\"z\":true, \"a\":null} ], \"a\" : \"x\" }"))
                .isEqualTo("{\"a\":\"x\",\"b\":[1,{\"a\":null,\"z\":true}]}");
    }

    @Test
    void ordersNamesByUtf16CodeUnitsAsRfc8785Requires() {
        // RFC 8785 §3.2.3 example: U+20AC (€) < U+1F600 (surrogates D83D DE00) < U+FB33 in UTF-16 order,
        // although U+1F600 is the largest code point.
        String json = "{\"\\ufb33\":3,\"\\ud83d\\ude00\":2,\"\\u20ac\":1,\"\\r\":0,\"1\":4}";
        assertThat(canonical(json)).isEqualTo("{\"\\r\":0,\"1\":4,\"\u20ac\":1,\"\uD83D\uDE00\":2,\"\uFB33\":3}");
    }

    @Test
    void escapesOnlyWhatMustBeEscaped() {
        assertThat(canonical("\"\\u0000\\u0008\\t\\n\\u000b\\f\\r\\u001f \\\" \\\\ / \\u007f \\u00e9 \\u2028\""))
                .isEqualTo("\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f \\\" \\\\ / \u007f é \u2028\"");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "1, 1",
        "-1.5, -1.5",
        "4.50, 4.5",
        "0.002, 0.002",
        "0.000001, 0.000001",
        "0.0000001, 1e-7",
        "1E21, 1e+21",
        "1E20, 100000000000000000000",
        "1.2345678901234568E20, 123456789012345680000",
        "123456789012345680000, 123456789012345680000",
        "9007199254740992, 9007199254740992",
        "333333333.3333333, 333333333.3333333",
        "1E23, 1e+23",
        "5E-324, 5e-324",
        "1.7976931348623157E308, 1.7976931348623157e+308",
        "9007199254740991, 9007199254740991",
        "-9007199254740991, -9007199254740991",
        "2.5E-8, 2.5e-8"
    })
    void writesNumbersLikeEcmaScript(String input, String expected) {
        assertThat(canonical(input)).isEqualTo(expected);
    }

    @Test
    void rejectsIntegersOutsideTheSafeRange() {
        assertThatThrownBy(() -> canonical("{\"v\":9007199254740993}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$.v")
                .hasMessageContaining("not exactly an IEEE-754 double");
    }

    @Test
    void parseRejectsDuplicateNamesTrailingContentAndEmptyInput() {
        assertThatThrownBy(() -> canonical("{\"a\":1,\"a\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> canonical("{\"a\":1} {}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> canonical("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsLoneSurrogatesAndNonFiniteNumbers() {
        ObjectNode node = CanonicalJson.object().put("s", "x\ud800y");
        assertThatThrownBy(() -> CanonicalJson.bytes(node)).hasMessageContaining("lone surrogate");
        ObjectNode nan = CanonicalJson.object().put("n", Double.NaN);
        assertThatThrownBy(() -> CanonicalJson.bytes(nan)).hasMessageContaining("not finite");
    }

    @Test
    void randomDocumentsAreStableUnderReparsing() {
        Random random = new Random(8785);
        for (int i = 0; i < 500; i++) {
            JsonNode document = randomNode(random, 0);
            byte[] first = CanonicalJson.bytes(document);
            byte[] again = CanonicalJson.canonicalize(first);
            assertThat(again)
                    .as("document %d: %s", i, new String(first, StandardCharsets.UTF_8))
                    .isEqualTo(first);
            assertThat(CanonicalJson.parse(first)).isEqualTo(CanonicalJson.parse(again));
        }
    }

    private static JsonNode randomNode(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        int kind = depth > 3 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextLong() % CanonicalJson.MAX_SAFE_INTEGER);
            case 3 -> f.numberNode(finite(Double.longBitsToDouble(random.nextLong())));
            case 4 -> f.textNode(randomString(random));
            case 5 -> {
                ArrayNode array = f.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomNode(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = f.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomString(random), randomNode(random, depth + 1));
                }
                yield object;
            }
        };
    }

    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0.5;
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x60);
                case 2 -> 0xa0 + random.nextInt(0xd000);
                default -> 0x10000 + random.nextInt(0x10000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
