package io.gatehouse.protocol.tools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The pin of one tool: {@code sha256:} followed by the unpadded base64url SHA-256 of the RFC 8785 canonical
 * JSON of the tool's pinned fields.
 *
 * <p>Pinned fields, exactly: {@code name}, {@code title}, {@code description}, {@code inputSchema},
 * {@code outputSchema}, {@code annotations}, each present in the hashed object only when present in the
 * definition. These are everything a client shows a model or a user, or uses to build and check a call:
 * a change to any of them can change what the model is told or what it sends. {@code _meta} is excluded:
 * the protocol reserves it for implementation metadata that clients do not show the model, servers put
 * build ids and timestamps there, and pinning it would demand re-approval on every deployment. Members
 * this version does not know (e.g. {@code icons}) are excluded for the same reason and because
 * a later protocol revision must not silently invalidate every pin; the poisoning scan still sees the
 * model-visible text. Key order and whitespace never change a fingerprint.
 *
 * @param value {@code sha256:<43 base64url characters>}
 */
public record ToolFingerprint(String value) {

    private static final String PREFIX = "sha256:";
    private static final Pattern FORMAT = Pattern.compile("sha256:[A-Za-z0-9_-]{43}");

    public ToolFingerprint {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("tool fingerprint: '" + abbreviate(value)
                    + "' (expected: sha256: followed by 43 base64url characters)");
        }
    }

    /** Fingerprint of a definition's pinned fields. */
    public static ToolFingerprint of(ToolDefinition tool) {
        byte[] canonical = canonicalJson(tool).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return new ToolFingerprint(
                    PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Parses a stored fingerprint string, rejecting any other form. */
    public static ToolFingerprint parse(String value) {
        return new ToolFingerprint(value);
    }

    /** The exact canonical JSON text that {@link #of} hashes (useful for audits and the approval API). */
    public static String canonicalJson(ToolDefinition tool) {
        Objects.requireNonNull(tool, "tool");
        return CanonicalJson.string(pinnedFields(tool));
    }

    /** The pinned fields of a definition as a JSON object (absent fields omitted). */
    public static ObjectNode pinnedFields(ToolDefinition tool) {
        ObjectNode pinned = JsonNodeFactory.instance.objectNode();
        pinned.put("name", tool.name());
        if (tool.title() != null) {
            pinned.put("title", tool.title());
        }
        if (tool.description() != null) {
            pinned.put("description", tool.description());
        }
        pinned.set("inputSchema", tool.inputSchema().deepCopy());
        if (tool.outputSchema() != null) {
            pinned.set("outputSchema", tool.outputSchema().deepCopy());
        }
        if (tool.annotations() != null) {
            pinned.set("annotations", tool.annotations().deepCopy());
        }
        return pinned;
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 60) + "...";
    }
}
