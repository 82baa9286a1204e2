package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrMatcherTest {

    private static final CidrMatcher SET = CidrMatcher.of(
            "10.0.0.0/8",
            "192.168.1.0/24",
            "203.0.113.7",
            "2001:db8::/32",
            "fe80::/10",
            "::1",
            "0.0.0.0/32",
            "2001:db9:8000::/33",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124");

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0, true",
        "10.255.255.255, true",
        "11.0.0.0, false",
        "9.255.255.255, false",
        "192.168.1.77, true",
        "192.168.2.1, false",
        "203.0.113.7, true",
        "203.0.113.8, false",
        "0.0.0.0, true",
        "0.0.0.1, false",
        "2001:db8::, true",
        "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "2001:db9::1, false",
        "2001:db9:8000::1, true",
        "2001:db9:7fff:ffff:ffff:ffff:ffff:ffff, false",
        "fe80::1, true",
        "febf:ffff::1, true",
        "fec0::1, false",
        "::1, true",
        "::2, false",
        "::ffff:10.1.2.3, true",
        "::ffff:11.1.2.3, false",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffef, false"
    })
    void containsExactlyTheBlocks(String address, boolean expected) {
        byte[] bytes = IpAddresses.parse(address).orElseThrow();
        assertThat(SET.contains(bytes)).as(address).isEqualTo(expected);
        assertThat(SET.contains(IpAddresses.toInetAddress(bytes))).as(address).isEqualTo(expected);
    }

    @Test
    void mergesOverlappingAndAdjacentBlocks() {
        CidrMatcher merged = CidrMatcher.of("10.0.0.0/9", "10.128.0.0/9", "10.0.0.0/16", "::/1", "8000::/1");
        assertThat(merged.contains(IpAddresses.parse("10.200.0.1").orElseThrow()))
                .isTrue();
        assertThat(merged.contains(IpAddresses.parse("11.0.0.0").orElseThrow())).isFalse();
        assertThat(merged.contains(IpAddresses.parse("ffff::1").orElseThrow())).isTrue();
        assertThat(merged.contains(IpAddresses.parse("::").orElseThrow())).isTrue();
    }

    @Test
    void zeroPrefixCoversEverythingOfItsFamily() {
        CidrMatcher all4 = CidrMatcher.of("0.0.0.0/0");
        assertThat(all4.contains(IpAddresses.parse("255.1.2.3").orElseThrow())).isTrue();
        assertThat(all4.contains(IpAddresses.parse("2001::1").orElseThrow())).isFalse();
    }

    @Test
    void emptyMatcherContainsNothing() {
        assertThat(CidrMatcher.empty().isEmpty()).isTrue();
        assertThat(CidrMatcher.empty().contains(IpAddresses.parse("1.2.3.4").orElseThrow()))
                .isFalse();
        assertThat(CidrMatcher.of(List.of()).contains(IpAddresses.parse("::1").orElseThrow()))
                .isFalse();
    }

    @Test
    void reportsInvalidBlocksPrecisely() {
        assertThatThrownBy(() -> CidrMatcher.of("10.0.0.1/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host bits set")
                .hasMessageContaining("10.0.0.0/8");
        assertThatThrownBy(() -> CidrMatcher.of("10.0.0.0/33")).hasMessageContaining("expected: 0..32");
        assertThatThrownBy(() -> CidrMatcher.of("::/129")).hasMessageContaining("expected: 0..128");
        assertThatThrownBy(() -> CidrMatcher.of("10.0.0.0/08")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> CidrMatcher.of("10.0.0/8")).hasMessageContaining("'10.0.0/8'");
        assertThatThrownBy(() -> CidrMatcher.of("example.com/8")).hasMessageContaining("expected: an IPv4 or IPv6");
        assertThatThrownBy(() -> CidrMatcher.of("10.0.0.0/")).hasMessageContaining("prefix");
    }

    @Test
    void largeSetsStayCorrect() {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < 256; i += 2) {
            blocks.add("172." + i + ".0.0/16");
        }
        CidrMatcher matcher = CidrMatcher.of(blocks);
        for (int i = 0; i < 256; i++) {
            boolean expected = i % 2 == 0;
            assertThat(matcher.contains(IpAddresses.parse("172." + i + ".9.9").orElseThrow()))
                    .as("172.%d.9.9", i)
                    .isEqualTo(expected);
        }
        assertThat(matcher.blocks()).hasSize(128).contains("172.4.0.0/16");
    }
}
