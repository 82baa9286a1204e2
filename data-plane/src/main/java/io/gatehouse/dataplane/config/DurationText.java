package io.gatehouse.dataplane.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in config: {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 2d} or ISO-8601 ({@code PT5S}). */
final class DurationText {
    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private DurationText() {}

    static Duration parse(String text, String field) throws ConfigException {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        Matcher m = SHORT.matcher(trimmed);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    field + ": '" + text + "' (expected: a duration like 500ms, 5s, 10m, 1h or PT5S)");
        }
    }
}
