package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.ID;
import static io.gatehouse.protocol.bundle.Checks.list;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.required;
import static io.gatehouse.protocol.bundle.Checks.stringList;
import static io.gatehouse.protocol.bundle.Checks.text;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A DLP rule applied to tool arguments and/or results.
 *
 * @param id stable id
 * @param name display name
 * @param detectors built-in detector names (e.g. {@code email}, {@code aws_access_key_id})
 * @param patterns extra RE2 patterns
 * @param direction request, response or both
 * @param action mask, hash or block
 */
public record RedactionRule(
        String id, String name, List<String> detectors, List<String> patterns, Direction direction, Action action) {

    static final Pattern DETECTOR = Pattern.compile("[a-z0-9_]{1,64}");

    public enum Direction {
        @JsonProperty("request")
        REQUEST,
        @JsonProperty("response")
        RESPONSE,
        @JsonProperty("both")
        BOTH
    }

    public enum Action {
        @JsonProperty("mask")
        MASK,
        @JsonProperty("hash")
        HASH,
        @JsonProperty("block")
        BLOCK
    }

    public RedactionRule {
        matching(id, ID, "id");
        text(name, "name");
        detectors = stringList(detectors, DETECTOR, "detectors");
        patterns = list(patterns, "patterns");
        for (int i = 0; i < patterns.size(); i++) {
            text(patterns.get(i), "patterns[" + i + "]");
        }
        if (detectors.isEmpty() && patterns.isEmpty()) {
            throw new IllegalArgumentException("redaction rule " + id + ": needs at least one detector or pattern");
        }
        required(direction, "direction");
        required(action, "action");
    }
}
