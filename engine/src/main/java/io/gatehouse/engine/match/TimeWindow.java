package io.gatehouse.engine.match;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A weekly wall-clock window in an IANA time zone, e.g. Monday–Friday 09:00–17:00 Europe/Berlin.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>The window is {@code [start, end)} in local wall-clock time of {@code zone}, on each of
 *       {@code days}. An instant is converted to local time with the zone rules in force at that
 *       instant, so daylight-saving changes are handled by the JDK time-zone database: on a
 *       spring-forward day, wall times inside the gap never occur (no instant matches them); on a
 *       fall-back day, the repeated hour matches twice.
 *   <li>{@code end} before {@code start} crosses midnight: the window starts on a listed day and
 *       runs into the next morning (Friday 22:00–06:00 covers Saturday 03:00 but not Friday 03:00).
 *   <li>{@code end} of {@code 24:00} means the end of the day; {@code start == end} is rejected.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class TimeWindow {

    private final Set<DayOfWeek> days;
    private final LocalTime start;
    /** null = end of day (24:00). */
    private final LocalTime end;

    private final ZoneId zone;

    private TimeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
        this.days = days;
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    /**
     * A window on {@code days} from {@code start} (inclusive) to {@code end} (exclusive; {@code null}
     * for 24:00) in {@code zone}.
     */
    public static TimeWindow of(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
        requireNonNull(days, "days");
        requireNonNull(start, "start");
        requireNonNull(zone, "zone");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("days: empty (expected: at least one weekday)");
        }
        if (start.equals(end)) {
            throw new IllegalArgumentException("window: start " + start + " equals end (expected: different times;"
                    + " use 00:00-24:00 for a whole day)");
        }
        return new TimeWindow(EnumSet.copyOf(days), start, end, zone);
    }

    /**
     * Parses {@code "<days> <HH:mm>-<HH:mm> <zone>"}, e.g. {@code "Mon-Fri 09:00-17:00 Europe/Berlin"},
     * {@code "Sat,Sun 00:00-24:00 UTC"}, {@code "Fri 22:00-06:00 America/New_York"}. Days are
     * three-letter English names, comma-separated, with ranges ({@code Mon-Fri}, {@code Fri-Mon}).
     *
     * @throws IllegalArgumentException saying which part is wrong
     */
    public static TimeWindow parse(String spec) {
        requireNonNull(spec, "spec");
        String[] parts = spec.strip().split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("time window: '" + spec
                    + "' (expected: '<days> <HH:mm>-<HH:mm> <IANA zone>', e.g. 'Mon-Fri 09:00-17:00 Europe/Berlin')");
        }
        Set<DayOfWeek> days = parseDays(parts[0], spec);
        String[] times = parts[1].split("-", -1);
        if (times.length != 2) {
            throw new IllegalArgumentException(
                    "time window: '" + spec + "' has time range '" + parts[1] + "' (expected: HH:mm-HH:mm)");
        }
        LocalTime start = parseTime(times[0], spec, false);
        LocalTime end = parseTime(times[1], spec, true);
        ZoneId zone;
        try {
            zone = ZoneId.of(parts[2]);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "time window: '" + spec + "' has unknown time zone '" + parts[2] + "' (expected: an IANA zone id)",
                    e);
        }
        return of(days, start, end, zone);
    }

    /** Whether {@code instant} falls inside the window. */
    public boolean contains(Instant instant) {
        return containsLocal(instant.atZone(zone).toLocalDateTime());
    }

    /**
     * Whether the wall-clock date-time {@code local}, already converted to this window's {@link
     * #zone()}, falls inside the window. The policy engine converts a request's instant once per
     * zone and asks every window of that zone with the result; {@code contains(i)} is {@code
     * containsLocal(i.atZone(zone()).toLocalDateTime())}.
     */
    public boolean containsLocal(LocalDateTime local) {
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (end == null) {
            return days.contains(day) && !time.isBefore(start);
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        // crosses midnight: evening part belongs to `day`, morning part to the day before
        return (days.contains(day) && !time.isBefore(start)) || (days.contains(day.minus(1)) && time.isBefore(end));
    }

    public Set<DayOfWeek> days() {
        return EnumSet.copyOf(days);
    }

    public ZoneId zone() {
        return zone;
    }

    private static Set<DayOfWeek> parseDays(String text, String spec) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.split(",", -1)) {
            String[] range = item.split("-", -1);
            if (range.length == 1) {
                days.add(day(range[0], spec));
            } else if (range.length == 2) {
                DayOfWeek from = day(range[0], spec);
                DayOfWeek to = day(range[1], spec);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw new IllegalArgumentException("time window: '" + spec + "' has day range '" + item + "'");
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String spec) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            case "sun" -> DayOfWeek.SUNDAY;
            default ->
                throw new IllegalArgumentException("time window: '" + spec + "' has unknown day '" + text
                        + "' (expected: Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
        };
    }

    private static LocalTime parseTime(String text, String spec, boolean isEnd) {
        if (isEnd && text.equals("24:00")) {
            return null;
        }
        if (!text.matches("[0-2][0-9]:[0-5][0-9]")) {
            throw new IllegalArgumentException("time window: '" + spec + "' has time '" + text + "' (expected: HH:mm"
                    + (isEnd ? " or 24:00" : "") + ")");
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "time window: '" + spec + "' has time '" + text + "' (expected: HH:mm)", e);
        }
    }

    @Override
    public String toString() {
        return "TimeWindow[" + days + " " + start + "-" + (end == null ? "24:00" : end) + " " + zone + "]";
    }
}
