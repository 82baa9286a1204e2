package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "::, ::",
        "::1, ::1",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:DB8::1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "fe80::1:2:3:4:5, fe80::1:2:3:4:5",
        "::ffff:127.0.0.1, ::ffff:7f00:1",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "1::, 1::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1"
    })
    void parsesAndFormatsCanonically(String input, String canonical) {
        assertThat(IpAddresses.parse(input))
                .hasValueSatisfying(b -> assertThat(IpAddresses.format(b)).isEqualTo(canonical));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.1", "0x7f.0.0.1", "017.0.0.1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-1", " 1.2.3.4",
                        "1.2.3.4 ",
                "::1%eth0", "[::1]", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2", "12345::", "::ffff:127.1", "g::1",
                "1:2:3:4:5:6:7::8:9", "", "localhost", "1.2.3.4:80", "::1:", "01.2.3.4"
            })
    void rejectsEverythingElse(String input) {
        assertThat(IpAddresses.parse(input)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:10.0.0.1", "::ffff:a00:1"})
    void recognisesMappedAddresses(String input) {
        assertThat(IpAddresses.isIpv4Mapped(IpAddresses.parse(input).orElseThrow()))
                .isTrue();
    }
}
