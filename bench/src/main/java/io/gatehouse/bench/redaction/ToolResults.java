package io.gatehouse.bench.redaction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/**
 * Realistic {@code tools/call} results, deterministic per seed: blocks of log lines (timestamps, ids, durations,
 * order numbers), source code, prose, directory listings, CSV-like rows and JSON-ish data — the text a file,
 * shell, database or search tool returns — with a sensitive value (e-mail, card, key, phone …) in about one
 * block in twenty, as real results occasionally carry one.
 */
public final class ToolResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] WORDS = {
        "the",
        "request",
        "failed",
        "because",
        "upstream",
        "service",
        "returned",
        "an",
        "error",
        "while",
        "reading",
        "configuration",
        "file",
        "for",
        "tenant",
        "retry",
        "succeeded",
        "after",
        "backoff",
        "cache",
        "miss",
        "on",
        "index",
        "rebuild",
        "completed",
        "and",
        "the",
        "report",
        "was",
        "written",
        "to",
        "disk",
        "user",
        "asked",
        "about",
        "quarterly",
        "numbers",
        "in",
        "Europe",
        "shipping",
        "delayed",
        "by",
        "two",
        "days"
    };

    private static final String[] SECRETS = {
        "contact alice.smith@example.com for access",
        "card on file 4111 1111 1111 1111 exp 12/29",
        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF",
        "call +44 20 7946 0958 after 5pm",
        "token ghp_1234567890abcdefghijklmnopqrstuvwxyzAB leaked",
        "SSN 123-45-6789 on the form",
        "IBAN DE89 3704 0044 0532 0130 00 for the refund",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
    };

    private ToolResults() {}

    /** A result with {@code blocks} text content items (~150 bytes each). */
    public static ObjectNode result(int blocks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode result = JSON.createObjectNode();
        ArrayNode content = result.putArray("content");
        for (int i = 0; i < blocks; i++) {
            ObjectNode item = content.addObject();
            item.put("type", "text");
            item.put("text", block(random));
        }
        ObjectNode structured = result.putObject("structuredContent");
        structured.put("rows", blocks);
        structured.put("elapsedMillis", 1200 + random.nextInt(400));
        structured.put("cursor", "c-" + Long.toHexString(random.nextLong()));
        result.put("isError", false);
        return result;
    }

    private static String block(SplittableRandom r) {
        StringBuilder sb = new StringBuilder(160);
        switch (r.nextInt(6)) {
            case 0 ->
                sb.append("2026-11-24T05:")
                        .append(10 + r.nextInt(50))
                        .append(':')
                        .append(10 + r.nextInt(50))
                        .append(".")
                        .append(100 + r.nextInt(900))
                        .append("Z INFO  [worker-")
                        .append(r.nextInt(16))
                        .append("] request ")
                        .append(Long.toHexString(r.nextLong()).substring(0, 8))
                        .append(" handled in ")
                        .append(r.nextInt(900))
                        .append(" ms (user id ")
                        .append(10_000 + r.nextInt(90_000))
                        .append(", order ")
                        .append(10_000_000 + r.nextInt(89_999_999))
                        .append(")");
            case 1 ->
                sb.append("    public static int compute(int[] values, int offset) {\n")
                        .append("        int total = 0; // sum ")
                        .append(r.nextInt(100))
                        .append(" values\n        for (int v : values) { total += v * ")
                        .append(r.nextInt(10))
                        .append("; }\n        return total + offset;\n    }");
            case 2 -> {
                for (int w = 0; w < 22; w++) {
                    sb.append(WORDS[r.nextInt(WORDS.length)]).append(w == 21 ? '.' : ' ');
                }
            }
            case 3 ->
                sb.append("drwxr-xr-x  2 app app  4096 Nov 24 05:11 src/main/java\n")
                        .append("-rw-r--r--  1 app app ")
                        .append(r.nextInt(99_999))
                        .append(" Nov 23 17:42 report-2026-")
                        .append(10 + r.nextInt(3))
                        .append(".csv\n-rw-r--r--  1 app app   512 Nov 22 09:03 README.md");
            case 4 ->
                sb.append("sku,name,qty,price\nAB-")
                        .append(1000 + r.nextInt(9000))
                        .append("-XY,Widget,")
                        .append(r.nextInt(50))
                        .append(",")
                        .append(r.nextInt(100))
                        .append(".99\nCD-")
                        .append(1000 + r.nextInt(9000))
                        .append("-ZZ,Gadget,")
                        .append(r.nextInt(50))
                        .append(",")
                        .append(r.nextInt(100))
                        .append(".49");
            default ->
                sb.append("{\"id\": \"")
                        .append(java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) r.nextInt()}))
                        .append("\", \"status\": \"shipped\", \"version\": \"2.")
                        .append(r.nextInt(20))
                        .append(".")
                        .append(r.nextInt(20))
                        .append("\", \"weightKg\": ")
                        .append(r.nextInt(30))
                        .append(".")
                        .append(r.nextInt(10))
                        .append("}");
        }
        if (r.nextInt(20) == 0) {
            sb.append(' ').append(SECRETS[r.nextInt(SECRETS.length)]);
        }
        return sb.toString();
    }
}
