package io.gatehouse.engine.match;

import static io.gatehouse.engine.match.ClaimMatcher.Operator.ALL_OF;
import static io.gatehouse.engine.match.ClaimMatcher.Operator.ANY_OF;
import static io.gatehouse.engine.match.ClaimMatcher.Operator.CONTAINS;
import static io.gatehouse.engine.match.ClaimMatcher.Operator.EQUALS;
import static io.gatehouse.engine.match.ClaimMatcher.Operator.PRESENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimMatcherTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(ClaimMatcher.claim("department", EQUALS, List.of("R&D")), true),
                Arguments.of(ClaimMatcher.claim("department", EQUALS, List.of("r&d")), false),
                Arguments.of(ClaimMatcher.claim("roles", EQUALS, List.of("reader")), false),
                Arguments.of(ClaimMatcher.claim("roles", CONTAINS, List.of("writer")), true),
                Arguments.of(ClaimMatcher.claim("roles", CONTAINS, List.of("admin")), false),
                Arguments.of(ClaimMatcher.claim("roles", ANY_OF, List.of("admin", "reader")), true),
                Arguments.of(ClaimMatcher.claim("roles", ANY_OF, List.of("admin", "owner")), false),
                Arguments.of(ClaimMatcher.claim("roles", ALL_OF, List.of("reader", "writer")), true),
                Arguments.of(ClaimMatcher.claim("roles", ALL_OF, List.of("reader", "admin")), false),
                Arguments.of(ClaimMatcher.claim("level", EQUALS, List.of("7")), true),
                Arguments.of(ClaimMatcher.claim("email_verified", EQUALS, List.of("true")), true),
                Arguments.of(ClaimMatcher.claim("address", EQUALS, List.of("DE")), false),
                Arguments.of(ClaimMatcher.claim("address", PRESENT, List.of()), true),
                Arguments.of(ClaimMatcher.claim("missing", PRESENT, List.of()), false),
                Arguments.of(ClaimMatcher.claim("missing", ANY_OF, List.of("x")), false),
                Arguments.of(ClaimMatcher.groups(ANY_OF, List.of("oncall", "admins")), true),
                Arguments.of(ClaimMatcher.groups(ALL_OF, List.of("oncall", "engineering")), true),
                Arguments.of(ClaimMatcher.groups(ALL_OF, List.of("oncall", "admins")), false),
                Arguments.of(ClaimMatcher.groups(CONTAINS, List.of("engineering")), true),
                Arguments.of(ClaimMatcher.subject(EQUALS, List.of("alice")), true),
                Arguments.of(ClaimMatcher.scopes(CONTAINS, List.of("tools:read")), true),
                Arguments.of(ClaimMatcher.scopes(ALL_OF, List.of("tools:read", "tools:write")), false),
                Arguments.of(ClaimMatcher.subject(ANY_OF, List.of("bob", "carol")), false),
                Arguments.of(ClaimMatcher.clientId(ANY_OF, List.of("ide-plugin")), true),
                Arguments.of(ClaimMatcher.issuer(EQUALS, List.of("https://idp.example.com")), true),
                Arguments.of(ClaimMatcher.issuer(EQUALS, List.of("https://idp.example.com/")), false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void matchesTable(ClaimMatcher matcher, boolean expected) {
        assertThat(matcher.matches(Contexts.sample())).isEqualTo(expected);
    }

    @Test
    void emptyClientIdCountsAsAbsent() {
        RequestContext c = Contexts.sample();
        RequestContext anonymousClient = new RequestContext(
                c.subject(),
                c.issuer(),
                null,
                c.groups(),
                c.scopes(),
                c.claims(),
                c.serverId(),
                c.method(),
                c.toolName(),
                c.resourceUri(),
                c.arguments(),
                c.sourceAddress(),
                c.headers(),
                c.time());
        assertThat(ClaimMatcher.clientId(PRESENT, List.of()).matches(anonymousClient))
                .isFalse();
        assertThat(ClaimMatcher.clientId(PRESENT, List.of()).matches(c)).isTrue();
    }

    @Test
    void rejectsValueCountsThatDoNotFitTheOperator() {
        assertThatThrownBy(() -> ClaimMatcher.claim("x", EQUALS, List.of("a", "b")))
                .hasMessageContaining("EQUALS takes exactly one value (got: 2)");
        assertThatThrownBy(() -> ClaimMatcher.groups(ANY_OF, List.of())).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> ClaimMatcher.claim("x", PRESENT, List.of("a")))
                .hasMessageContaining("takes no values");
        assertThatThrownBy(() -> ClaimMatcher.claim("", PRESENT, List.of())).hasMessageContaining("claim name: empty");
    }
}
