package io.gatehouse.engine.match;

import static io.gatehouse.engine.match.HeaderMatcher.Operator.ABSENT;
import static io.gatehouse.engine.match.HeaderMatcher.Operator.ANY_OF;
import static io.gatehouse.engine.match.HeaderMatcher.Operator.EQUALS;
import static io.gatehouse.engine.match.HeaderMatcher.Operator.GLOB;
import static io.gatehouse.engine.match.HeaderMatcher.Operator.PRESENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderMatcherTest {

    private static final RequestContext ONE = Contexts.withHeaders(Map.of("X-Device-Posture", List.of(" compliant ")));
    private static final RequestContext TWO =
            Contexts.withHeaders(Map.of("x-device-posture", List.of("compliant", "unmanaged")));
    private static final RequestContext NONE = Contexts.withHeaders(Map.of());

    static Stream<Arguments> table() {
        HeaderMatcher equals = HeaderMatcher.of("X-Device-Posture", EQUALS, List.of("compliant"));
        HeaderMatcher anyOf = HeaderMatcher.of("x-device-posture", ANY_OF, List.of("compliant", "unmanaged"));
        HeaderMatcher glob = HeaderMatcher.of("X-DEVICE-POSTURE", GLOB, List.of("compl*"));
        HeaderMatcher present = HeaderMatcher.of("x-device-posture", PRESENT, List.of());
        HeaderMatcher absent = HeaderMatcher.of("x-device-posture", ABSENT, List.of());
        return Stream.of(
                Arguments.of("equals/one", equals, ONE, true),
                Arguments.of("equals/duplicate with other value", equals, TWO, false),
                Arguments.of("equals/none", equals, NONE, false),
                Arguments.of("anyOf/one", anyOf, ONE, true),
                Arguments.of("anyOf/two allowed values", anyOf, TWO, true),
                Arguments.of("anyOf/none", anyOf, NONE, false),
                Arguments.of("glob/one", glob, ONE, true),
                Arguments.of("glob/two", glob, TWO, false),
                Arguments.of("present/one", present, ONE, true),
                Arguments.of("present/none", present, NONE, false),
                Arguments.of("absent/one", absent, ONE, false),
                Arguments.of("absent/none", absent, NONE, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void matchesTable(String name, HeaderMatcher matcher, RequestContext context, boolean expected) {
        assertThat(matcher.matches(context)).isEqualTo(expected);
    }

    @Test
    void rejectsInvalidDefinitions() {
        assertThatThrownBy(() -> HeaderMatcher.of("bad header", PRESENT, List.of()))
                .hasMessageContaining("RFC 9110 token");
        assertThatThrownBy(() -> HeaderMatcher.of("x", EQUALS, List.of())).hasMessageContaining("exactly one value");
        assertThatThrownBy(() -> HeaderMatcher.of("x", ABSENT, List.of("v"))).hasMessageContaining("no values");
    }
}
