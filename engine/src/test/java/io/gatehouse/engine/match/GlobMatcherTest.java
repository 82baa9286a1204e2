package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobMatcherTest {

    @ParameterizedTest
    @CsvSource({
        "fs_read, fs_read, true",
        "fs_read, fs_reads, false",
        "fs_read, FS_READ, false",
        "fs_*, fs_read, true",
        "fs_*, fs_, true",
        "fs_*, fsread, false",
        "*.delete, files.delete, true",
        "*.delete, a.b.delete, true",
        "*.delete, delete, false",
        "*.delete, files.delete.now, false",
        "*, anything, true",
        "*, '', true",
        "**, x, true",
        "get_?, get_a, true",
        "get_?, get_ab, false",
        "get_?, get_, false",
        "*_admin_*, user_admin_delete, true",
        "*_admin_*, admin_delete, false",
        "a*b*c, abc, true",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYY, false",
        "a*b*c, acb, false",
        "*a*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false",
        "'lit\\*', 'lit*', true",
        "'lit\\*', 'litX', false",
        "'q\\?', 'q?', true",
        "'q\\?', 'qx', false"
    })
    void matchesTable(String pattern, String name, boolean expected) {
        GlobMatcher glob = GlobMatcher.compile(pattern);
        assertThat(glob.matches(name)).as("%s ~ %s", pattern, name).isEqualTo(expected);
    }

    @Test
    void caseInsensitiveWhenAsked() {
        GlobMatcher glob = GlobMatcher.compile("Fs_*", false);
        assertThat(glob.matches("FS_READ")).isTrue();
        assertThat(glob.matches("gs_read")).isFalse();
    }

    @Test
    void nullNeverMatchesAndLiteralIsDetected() {
        assertThat(GlobMatcher.compile("*").matches(null)).isFalse();
        assertThat(GlobMatcher.compile("exact").isLiteral()).isTrue();
        assertThat(GlobMatcher.compile("ex*").isLiteral()).isFalse();
    }

    @Test
    void rejectsInvalidPatterns() {
        assertThatThrownBy(() -> GlobMatcher.compile("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> GlobMatcher.compile("abc\\")).hasMessageContaining("lone '\\'");
        assertThatThrownBy(() -> GlobMatcher.compile("a\nb")).hasMessageContaining("control");
    }
}
