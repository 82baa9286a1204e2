package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.required;

import io.gatehouse.protocol.tools.ToolFingerprint;

/**
 * An admin-approved tool of a server: the data plane shows and forwards calls to a tool only while the
 * server announces a definition with exactly this fingerprint.
 *
 * @param name the tool name as the server announces it (1–256 characters, no control characters)
 * @param fingerprint {@link ToolFingerprint} of the approved definition, {@code sha256:<43 base64url>}
 */
public record ToolPin(String name, String fingerprint) {

    public ToolPin {
        required(name, "name");
        if (name.isEmpty() || name.length() > 256 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "name: invalid tool name (expected: 1-256 characters without control characters)");
        }
        required(fingerprint, "fingerprint");
        ToolFingerprint.parse(fingerprint);
    }
}
