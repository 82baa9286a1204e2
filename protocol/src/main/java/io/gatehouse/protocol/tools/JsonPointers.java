package io.gatehouse.protocol.tools;

/** RFC 6901 JSON Pointer helpers. */
public final class JsonPointers {

    private JsonPointers() {}

    /** Escapes one reference token ({@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
