package io.gatehouse.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.engine.guard.ArgumentGuard;
import io.gatehouse.engine.guard.PathGuard;
import io.gatehouse.engine.guard.PathGuardConfig;
import io.gatehouse.engine.guard.UrlGuard;
import io.gatehouse.engine.guard.UrlGuardConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Compiles 1,000 mixed matchers and guards, as a bundle with 1,000 rules would, and evaluates each
 * once: compilation works at that size and every compiled object answers as specified. Timing is
 * left to the benchmark module.
 */
class MatcherScaleTest {

    @Test
    void compilesAndEvaluatesOneThousandMixedMatchers() {
        RequestContext context = Contexts.sample();
        List<Predicate<RequestContext>> matchers = new ArrayList<>();
        int expectedMatches = 0;
        for (int i = 0; i < 1_000; i++) {
            switch (i % 8) {
                case 0 -> {
                    GlobMatcher glob = GlobMatcher.compile(i % 16 == 0 ? "fs_*" : "tool_" + i + "_*");
                    matchers.add(c -> glob.matches(c.toolName()));
                    expectedMatches += i % 16 == 0 ? 1 : 0;
                }
                case 1 -> {
                    CidrMatcher cidr = CidrMatcher.of(
                            "10." + (i % 256) + ".0.0/16", "2001:db8:" + Integer.toHexString(i) + "::/48");
                    matchers.add(c -> cidr.contains(c.sourceAddress()));
                    expectedMatches += i % 256 == 1 ? 1 : 0;
                }
                case 2 -> {
                    TimeWindow window = TimeWindow.parse((i % 2 == 0 ? "Tue" : "Sat") + " 10:00-12:00 Europe/Berlin");
                    matchers.add(c -> window.contains(c.time()));
                }
                case 3 -> {
                    ClaimMatcher claim = ClaimMatcher.groups(ClaimMatcher.Operator.ANY_OF, List.of("group-" + i));
                    matchers.add(claim::matches);
                }
                case 4 -> {
                    HeaderMatcher header =
                            HeaderMatcher.of("x-device-posture", HeaderMatcher.Operator.EQUALS, List.of("level-" + i));
                    matchers.add(header::matches);
                }
                case 5 -> {
                    CelCondition cel =
                            CelCondition.compile("principal.subject == 'user-" + i + "' || args.limit > " + i);
                    matchers.add(c -> cel.evaluate(c).matched());
                    expectedMatches += i < 10 ? 1 : 0;
                }
                case 6 -> {
                    PathGuard guard = PathGuard.compile(PathGuardConfig.allowing(List.of("/srv/tenant-" + i + "/**")));
                    ArgumentGuard argument = ArgumentGuard.of("path", guard);
                    matchers.add(c -> argument.check(c.arguments()).allowed());
                }
                default -> {
                    UrlGuard guard = UrlGuard.compile(UrlGuardConfig.defaults()
                            .withDnsCheck(false)
                            .withAllowedDomains(List.of("api-" + i + ".example.com")));
                    String url = "https://api-" + i + ".example.com/x";
                    matchers.add(c -> guard.check(url).allowed());
                    expectedMatches++;
                }
            }
        }
        assertThat(matchers).hasSize(1_000);
        // Tuesday 2026-11-24 10:15:30Z is 11:15 in Berlin: every Tuesday window (i % 8 == 2, even i) matches
        long windows = java.util.stream.IntStream.range(0, 1_000)
                .filter(i -> i % 8 == 2)
                .count();
        int matched = 0;
        for (Predicate<RequestContext> matcher : matchers) {
            matched += matcher.test(context) ? 1 : 0;
        }
        assertThat(matched).isEqualTo(expectedMatches + (int) windows);
    }
}
