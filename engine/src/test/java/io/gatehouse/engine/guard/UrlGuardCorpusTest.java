package io.gatehouse.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.engine.match.IpAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the hostile URL corpus {@code guards/urls.tsv}. */
class UrlGuardCorpusTest {

    /** A resolver with fixed answers, as described in the corpus header. */
    static final HostResolver FAKE_DNS = host -> {
        if (host.startsWith("nx.")) {
            throw new UnknownHostException(host);
        }
        if (host.startsWith("slow.")) {
            throw new IOException("DNS lookup timed out");
        }
        if (host.startsWith("empty.")) {
            return List.of();
        }
        return switch (host) {
            case "rebind.attacker.com" -> addresses("127.0.0.1");
            case "meta.attacker.com" -> addresses("169.254.169.254");
            case "split.attacker.com" -> addresses("93.184.215.14", "10.0.0.7");
            case "v6.attacker.com" -> addresses("fd00::5");
            case "mapped.attacker.com" -> addresses("::ffff:192.168.1.1");
            case "internal.example.com" -> addresses("10.20.3.4");
            default -> addresses("93.184.215.14");
        };
    };

    private static final Map<String, UrlGuard> CONFIGS = Map.of(
            "open", UrlGuard.compile(UrlGuardConfig.defaults().withResolver(FAKE_DNS)),
            "allowlist",
                    UrlGuard.compile(UrlGuardConfig.defaults()
                            .withResolver(FAKE_DNS)
                            .withAllowedDomains(List.of("example.com", "*.example.org", "b\u00fccher.example"))
                            .withDeniedDomains(List.of("evil.example.org", "*.evil.example.org"))),
            "internal",
                    UrlGuard.compile(UrlGuardConfig.defaults()
                            .withResolver(FAKE_DNS)
                            .withAllowedCidrs(List.of("10.20.0.0/16", "fd12:3456::/32", "169.254.169.254/32"))),
            "nodns", UrlGuard.compile(UrlGuardConfig.defaults().withDnsCheck(false)),
            "strict",
                    UrlGuard.compile(UrlGuardConfig.defaults()
                            .withResolver(FAKE_DNS)
                            .withAllowedSchemes(Set.of("https"))
                            .withAllowedPorts(Set.of(443, 8443))));

    static List<InetAddress> addresses(String... literals) {
        return Stream.of(literals)
                .map(s -> IpAddresses.toInetAddress(IpAddresses.parse(s).orElseThrow()))
                .toList();
    }

    static Stream<Arguments> corpus() {
        return Corpus.load("/guards/urls.tsv").stream();
    }

    @ParameterizedTest(name = "line {0}: {4}")
    @MethodSource("corpus")
    void verdictMatchesCorpus(int line, String input, String config, String expected, String comment) {
        UrlGuard guard = CONFIGS.get(config);
        assertThat(guard).as("config %s", config).isNotNull();
        GuardVerdict verdict = guard.check(input);
        assertThat(Corpus.expectedOf(verdict))
                .as("line %d (%s): %s -> %s", line, comment, input, verdict)
                .isEqualTo(expected);
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(120);
    }
}
