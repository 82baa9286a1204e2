package io.gatehouse.protocol.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ToolFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String READ_FILE = """
            {"name":"read_file","title":"Read file",
             "description":"Read the complete contents of a file from the file system.",
             "inputSchema":{"type":"object","properties":{"path":{"type":"string","description":"File path"},
               "limit":{"type":"integer","minimum":1,"maximum":1.5e3}},"required":["path"]},
             "annotations":{"readOnlyHint":true},
             "_meta":{"build":"2026-11-24T01:00:00Z"}}""";

    static ToolDefinition tool(String json) throws Exception {
        return ToolDefinition.parse(JSON.readTree(json));
    }

    @Test
    void goldenValueAndCanonicalForm() throws Exception {
        ToolDefinition tool = tool(READ_FILE);
        assertThat(ToolFingerprint.canonicalJson(tool))
                .isEqualTo(
                        "{\"annotations\":{\"readOnlyHint\":true},"
                                + "\"description\":\"Read the complete contents of a file from the file system.\","
                                + "\"inputSchema\":{\"properties\":{\"limit\":{\"maximum\":1500,\"minimum\":1,"
                                + "\"type\":\"integer\"},\"path\":{\"description\":\"File path\",\"type\":\"string\"}},"
                                + "\"required\":[\"path\"],\"type\":\"object\"},\"name\":\"read_file\",\"title\":\"Read file\"}");
        assertThat(ToolFingerprint.of(tool).value()).isEqualTo("sha256:Fc8b_uURFMHOcJPUHPJMViiIjbzcmcmTTO7viquW1Wo");
    }

    @Test
    void stableAcrossKeyOrderWhitespaceAndMeta() throws Exception {
        ToolDefinition reordered = tool("""
                {  "_meta" : {"build":"other"},
                   "annotations" : { "readOnlyHint" : true },
                   "inputSchema" : { "required" : [ "path" ], "properties" : {
                       "limit" : { "maximum" : 1500.0, "minimum" : 1, "type" : "integer" },
                       "path" : { "description" : "File path", "type" : "string" } }, "type" : "object" },
                   "description" : "Read the complete contents of a file from the file system.",
                   "title" : "Read file", "name" : "read_file", "icons": [] }""");
        assertThat(ToolFingerprint.of(reordered)).isEqualTo(ToolFingerprint.of(tool(READ_FILE)));
    }

    @Test
    void changesOnEveryPinnedField() throws Exception {
        ToolFingerprint base = ToolFingerprint.of(tool(READ_FILE));
        String[][] edits = {
            {"\"name\":\"read_file\"", "\"name\":\"read_file2\""},
            {"\"title\":\"Read file\"", "\"title\":\"Read a file\""},
            {"from the file system.", "from the file system. "},
            {"\"description\":\"File path\"", "\"description\":\"File path.\""},
            {"\"required\":[\"path\"]", "\"required\":[]"},
            {"\"readOnlyHint\":true", "\"readOnlyHint\":false"},
            {"\"_meta\"", "\"outputSchema\":{\"type\":\"object\"},\"_meta\""},
            {"\"title\":\"Read file\",", ""},
            {"\"annotations\":{\"readOnlyHint\":true},", ""},
        };
        for (String[] edit : edits) {
            String changed = READ_FILE.replace(edit[0], edit[1]);
            assertThat(changed).as("edit %s applies", edit[0]).isNotEqualTo(READ_FILE);
            assertThat(ToolFingerprint.of(tool(changed)))
                    .as("after %s", edit[0])
                    .isNotEqualTo(base);
        }
    }

    @Test
    void parseRejectsMalformedFingerprints() {
        assertThatThrownBy(() -> ToolFingerprint.parse("sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: sha256: followed by 43 base64url characters");
        assertThatThrownBy(() -> ToolFingerprint.parse("md5:" + "A".repeat(43)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ToolFingerprint.parse("sha256:" + "A".repeat(43)).value()).startsWith("sha256:");
    }

    @Test
    void parseIsStrictWithSpecificMessages() throws Exception {
        assertRejected("[]", "tool: array (expected: object)");
        assertRejected("{\"inputSchema\":{\"type\":\"object\"}}", "tool.name: missing (expected: string)");
        assertRejected("{\"name\":\"\",\"inputSchema\":{\"type\":\"object\"}}", "tool.name: 0 characters");
        assertRejected("{\"name\":\"a\\u0000b\",\"inputSchema\":{\"type\":\"object\"}}", "control character U+0000");
        assertRejected("{\"name\":\"t\"}", "tool 't'.inputSchema: missing (expected: object)");
        assertRejected(
                "{\"name\":\"t\",\"inputSchema\":{\"type\":\"string\"}}",
                "tool 't'.inputSchema.type: string (expected: \"object\")");
        assertRejected(
                "{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"},\"description\":null}",
                "tool 't'.description: null (expected: string)");
        assertRejected(
                "{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\"},\"annotations\":[]}",
                "tool 't'.annotations: array (expected: object)");
        assertThatThrownBy(() -> ToolDefinition.parseList(JSON.readTree("{\"tools\":[{\"name\":1}]}")))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessage("tools[0].name: number 1 (expected: string)");
    }

    @Test
    void toJsonRoundTrips() throws Exception {
        ToolDefinition tool = tool(READ_FILE);
        assertThat(ToolDefinition.parse(tool.toJson())).isEqualTo(tool);
        assertThat(tool.toJson().get("_meta").get("build").textValue()).isEqualTo("2026-11-24T01:00:00Z");
    }

    @Test
    void parseListAcceptsResultObject() throws Exception {
        JsonNode result = JSON.readTree("{\"tools\":[" + READ_FILE + "],\"nextCursor\":\"x\"}");
        assertThat(ToolDefinition.parseList(result))
                .extracting(ToolDefinition::name)
                .containsExactly("read_file");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> tool(json))
                .isInstanceOf(ToolDefinitionException.class)
                .hasMessageContaining(message);
    }
}
