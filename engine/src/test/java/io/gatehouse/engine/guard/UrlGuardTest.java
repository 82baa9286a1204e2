package io.gatehouse.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlGuardTest {

    private static final UrlGuard OPEN =
            UrlGuard.compile(UrlGuardConfig.defaults().withResolver(UrlGuardCorpusTest.FAKE_DNS));

    @ParameterizedTest
    @CsvSource({
        "HTTPS://Example.COM./a/b?c=d#frag, https://example.com/a/b?c=d",
        "https://example.com, https://example.com/",
        "https://example.com:443/x, https://example.com/x",
        "http://example.com:8080, http://example.com:8080/",
        "https://b\u00fccher.example.com/, https://xn--bcher-kva.example.com/",
        "http://[2606:4700:4700:0:0:0:0:1111]:8443/, http://[2606:4700:4700::1111]:8443/",
        "http://8.8.8.8/, http://8.8.8.8/",
        "https://example.com?q=1#f, https://example.com/?q=1",
        "https://example.com#only-fragment, https://example.com/"
    })
    void canonicalisesAllowedUrls(String input, String canonical) {
        GuardVerdict verdict = OPEN.check(input);
        assertThat(verdict.allowed()).as(verdict.toString()).isTrue();
        assertThat(verdict.canonical()).isEqualTo(canonical);
    }

    @Test
    void denialsCarryTheCanonicalHostAndAReasonThatNamesTheRange() {
        GuardVerdict verdict = OPEN.check("http://0x7f.1/admin");
        assertThat(verdict.reason()).isEqualTo(GuardReason.URL_PRIVATE_ADDRESS);
        assertThat(verdict.canonical()).isEqualTo("http://127.0.0.1/admin");
        assertThat(verdict.detail()).contains("loopback");
        assertThat(OPEN.check("http://rebind.attacker.com/").detail()).contains("resolves to loopback");
    }

    @Test
    void lookupsOnlyHappenForNamesThatPassedTheStaticChecks() {
        AtomicInteger lookups = new AtomicInteger();
        UrlGuard guard = UrlGuard.compile(UrlGuardConfig.defaults().withResolver(host -> {
            lookups.incrementAndGet();
            return UrlGuardCorpusTest.addresses("93.184.215.14");
        }));
        guard.check("http://127.0.0.1/");
        guard.check("http://localhost/");
        guard.check("http://metadata.google.internal/");
        guard.check("file:///etc/passwd");
        assertThat(lookups).hasValue(0);
        assertThat(guard.check("https://example.com/").allowed()).isTrue();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void resolverExceptionsOfAnyKindFailClosed() {
        UrlGuard guard = UrlGuard.compile(UrlGuardConfig.defaults().withResolver(host -> {
            throw new IllegalStateException("resolver bug");
        }));
        assertThat(guard.check("https://example.com/").reason()).isEqualTo(GuardReason.URL_DNS_FAILURE);
    }

    @Test
    void systemResolverAnswersFromTheOperatingSystem() throws Exception {
        List<InetAddress> localhost = HostResolver.system(Duration.ofSeconds(2)).resolve("localhost");
        assertThat(localhost).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        assertThatThrownBy(() -> HostResolver.system(Duration.ZERO)).hasMessageContaining("expected: > 0");
    }

    @Test
    void systemResolverFailsClosedOnUnknownOrSlowNames() {
        UrlGuard guard =
                UrlGuard.compile(UrlGuardConfig.defaults().withResolver(HostResolver.system(Duration.ofMillis(300))));
        long start = System.nanoTime();
        GuardVerdict verdict = guard.check("https://gatehouse-test-no-such-host-7f3a9c2e.com/");
        assertThat(verdict.reason()).isEqualTo(GuardReason.URL_DNS_FAILURE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void defaultsAreTheDocumentedSafeOnes() {
        UrlGuardConfig defaults = UrlGuardConfig.defaults();
        assertThat(defaults.allowedSchemes()).containsExactlyInAnyOrder("http", "https");
        assertThat(defaults.dnsCheck()).isTrue();
        assertThat(defaults.allowedCidrs()).isEmpty();
        assertThat(defaults.resolver()).isEmpty();
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThatThrownBy(() -> UrlGuardConfig.defaults().withAllowedSchemes(Set.of("file")))
                .hasMessageContaining("allowedSchemes: 'file'");
        assertThatThrownBy(() -> UrlGuardConfig.defaults().withAllowedSchemes(Set.of()))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> UrlGuardConfig.defaults().withAllowedPorts(Set.of(0)))
                .hasMessageContaining("1..65535");
        assertThatThrownBy(() -> UrlGuard.compile(UrlGuardConfig.defaults().withAllowedDomains(List.of("*"))))
                .hasMessageContaining("'*' alone is not a pattern");
        assertThatThrownBy(() -> UrlGuard.compile(UrlGuardConfig.defaults().withAllowedDomains(List.of("*.com"))))
                .hasMessageContaining("whole top-level domain");
        assertThatThrownBy(() -> UrlGuard.compile(UrlGuardConfig.defaults().withAllowedDomains(List.of("a.*.com"))))
                .hasMessageContaining("first label");
        assertThatThrownBy(() -> UrlGuard.compile(UrlGuardConfig.defaults().withAllowedDomains(List.of("10.0.0.1"))))
                .hasMessageContaining("use allowedCidrs");
        assertThatThrownBy(() -> UrlGuard.compile(UrlGuardConfig.defaults().withAllowedCidrs(List.of("10.0.0.1/8"))))
                .hasMessageContaining("allowedCidrs")
                .hasMessageContaining("host bits set");
        assertThatThrownBy(() -> UrlGuard.compile(UrlGuardConfig.defaults().withDeniedDomains(List.of("bad host"))))
                .hasMessageContaining("deniedDomains");
    }

    @Test
    void longUrlsAreDenied() {
        UrlGuard guard =
                UrlGuard.compile(UrlGuardConfig.defaults().withMaxLength(32).withDnsCheck(false));
        assertThat(guard.check("https://example.com/" + "a".repeat(40)).reason())
                .isEqualTo(GuardReason.URL_TOO_LONG);
        assertThat(guard.check(null).reason()).isEqualTo(GuardReason.URL_EMPTY);
    }
}
