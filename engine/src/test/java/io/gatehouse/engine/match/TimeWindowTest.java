package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @CsvSource({
        // office hours in Berlin; 2026-11-24 is a Tuesday, CET = UTC+1
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-11-24T08:00:00Z, true",
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-11-24T07:59:59Z, false",
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-11-24T15:59:59Z, true",
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-11-24T16:00:00Z, false",
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-11-28T10:00:00Z, false",
        // summer time (CEST = UTC+2): same wall clock, different UTC
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-07-14T07:00:00Z, true",
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-07-14T06:59:59Z, false",
        "'Mon-Fri 09:00-17:00 Europe/Berlin', 2026-07-14T15:00:00Z, false",
        // spring forward 2026-03-29 (Sunday) 02:00 CET -> 03:00 CEST: 02:xx never happens
        "'Sun 02:00-03:00 Europe/Berlin', 2026-03-29T00:59:59Z, false",
        "'Sun 02:00-03:00 Europe/Berlin', 2026-03-29T01:00:00Z, false",
        "'Sun 01:00-04:00 Europe/Berlin', 2026-03-29T00:30:00Z, true",
        "'Sun 01:00-04:00 Europe/Berlin', 2026-03-29T01:30:00Z, true",
        "'Sun 01:00-04:00 Europe/Berlin', 2026-03-29T02:00:00Z, false",
        // fall back 2026-10-25 (Sunday) 03:00 CEST -> 02:00 CET: 02:xx happens twice, both match
        "'Sun 02:00-03:00 Europe/Berlin', 2026-10-25T00:30:00Z, true",
        "'Sun 02:00-03:00 Europe/Berlin', 2026-10-25T01:30:00Z, true",
        "'Sun 02:00-03:00 Europe/Berlin', 2026-10-25T02:00:00Z, false",
        // US spring forward 2026-03-08: 09:00 local is 14:00Z before, 13:00Z after
        "'Mon-Fri 09:00-10:00 America/New_York', 2026-03-06T14:30:00Z, true",
        "'Mon-Fri 09:00-10:00 America/New_York', 2026-03-09T13:30:00Z, true",
        "'Mon-Fri 09:00-10:00 America/New_York', 2026-03-09T14:30:00Z, false",
        // crossing midnight: Friday 22:00 to Saturday 06:00 (UTC)
        "'Fri 22:00-06:00 UTC', 2026-11-27T22:00:00Z, true",
        "'Fri 22:00-06:00 UTC', 2026-11-28T05:59:59Z, true",
        "'Fri 22:00-06:00 UTC', 2026-11-28T06:00:00Z, false",
        "'Fri 22:00-06:00 UTC', 2026-11-27T05:00:00Z, false",
        "'Fri 22:00-06:00 UTC', 2026-11-28T22:30:00Z, false",
        // Sunday night into Monday: the wrap from Sunday to Monday
        "'Sun 23:00-01:00 Asia/Tokyo', 2026-11-29T14:30:00Z, true",
        "'Sun 23:00-01:00 Asia/Tokyo', 2026-11-29T15:30:00Z, true",
        "'Sun 23:00-01:00 Asia/Tokyo', 2026-11-23T15:30:00Z, false",
        // whole days and lists
        "'Sat,Sun 00:00-24:00 UTC', 2026-11-28T23:59:59Z, true",
        "'Sat,Sun 00:00-24:00 UTC', 2026-11-30T00:00:00Z, false",
        "'Fri-Mon 12:00-13:00 Australia/Sydney', 2026-11-30T01:30:00Z, true",
        "'Fri-Mon 12:00-13:00 Australia/Sydney', 2026-12-01T01:30:00Z, false"
    })
    void containsTable(String spec, String instant, boolean expected) {
        assertThat(TimeWindow.parse(spec).contains(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void builtDirectly() {
        TimeWindow w = TimeWindow.of(
                Set.of(DayOfWeek.TUESDAY), LocalTime.of(10, 0), LocalTime.of(11, 0), ZoneId.of("Europe/Berlin"));
        assertThat(w.contains(Instant.parse("2026-11-24T09:30:00Z"))).isTrue();
        assertThat(w.days()).containsExactly(DayOfWeek.TUESDAY);
    }

    @Test
    void rejectsInvalidSpecsWithPreciseMessages() {
        assertThatThrownBy(() -> TimeWindow.parse("Mon-Fri 09:00-17:00")).hasMessageContaining("expected: '<days>");
        assertThatThrownBy(() -> TimeWindow.parse("Mon-Fry 09:00-17:00 UTC")).hasMessageContaining("unknown day 'Fry'");
        assertThatThrownBy(() -> TimeWindow.parse("Mon 9:00-17:00 UTC")).hasMessageContaining("time '9:00'");
        assertThatThrownBy(() -> TimeWindow.parse("Mon 25:00-17:00 UTC")).hasMessageContaining("time '25:00'");
        assertThatThrownBy(() -> TimeWindow.parse("Mon 09:00-09:00 UTC")).hasMessageContaining("equals end");
        assertThatThrownBy(() -> TimeWindow.parse("Mon 09:00-17:00 Mars/Olympus"))
                .hasMessageContaining("unknown time zone");
        assertThatThrownBy(() -> TimeWindow.parse("Mon 09:00 UTC")).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> TimeWindow.parse("Mon 24:00-10:00 UTC")).hasMessageContaining("time '24:00'");
    }
}
