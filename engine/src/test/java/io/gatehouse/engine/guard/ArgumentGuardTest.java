package io.gatehouse.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engine.guard.ArgumentGuard.MissingArgument;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgumentGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PathGuard PATHS = PathGuard.compile(PathGuardConfig.allowing(List.of("/srv/data/**")));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "path | {\"path\":\"/srv/data/a\"} | ALLOW",
                "path | {\"path\":\"/etc/passwd\"} | PATH_OUTSIDE_ALLOWLIST",
                "path | {} | ARG_MISSING",
                "path | {\"path\":null} | ARG_MISSING",
                "path | {\"path\":42} | ARG_NOT_STRING",
                "path | {\"path\":true} | ARG_NOT_STRING",
                "path | {\"path\":{\"p\":\"/srv/data/a\"}} | ARG_NOT_STRING",
                "path | {\"path\":[\"/srv/data/a\",\"/srv/data/b\"]} | ALLOW",
                "path | {\"path\":[\"/srv/data/a\",\"/etc/shadow\"]} | PATH_OUTSIDE_ALLOWLIST",
                "path | {\"path\":[\"/srv/data/a\",7]} | ARG_NOT_STRING",
                "path | {\"path\":[[\"/srv/data/a\"]]} | ARG_NOT_STRING",
                "path | {\"path\":[]} | ALLOW",
                "/options/target | {\"options\":{\"target\":\"/srv/data/x\"}} | ALLOW",
                "/options/target | {\"options\":{\"target\":\"/srv/../etc\"}} | PATH_TRAVERSAL",
                "/options/target | {\"options\":\"/srv/data/x\"} | ARG_MISSING",
                "/files/1 | {\"files\":[\"/srv/data/a\",\"/root/x\"]} | PATH_OUTSIDE_ALLOWLIST",
                "/files/0 | {\"files\":[\"/srv/data/a\",\"/root/x\"]} | ALLOW",
                "/files/01 | {\"files\":[\"/srv/data/a\",\"/root/x\"]} | ARG_MISSING",
                "/files/- | {\"files\":[\"/srv/data/a\"]} | ARG_MISSING",
                "/a~1b | {\"a/b\":\"/srv/data/ok\"} | ALLOW",
                "/a~0b | {\"a~b\":\"/etc/x\"} | PATH_OUTSIDE_ALLOWLIST",
                "a/b | {\"a/b\":\"/srv/data/ok\"} | ALLOW",
                "/ | {\"\":\"/etc/x\"} | PATH_OUTSIDE_ALLOWLIST"
            })
    void selectsAndChecks(String selector, String arguments, String expected) throws Exception {
        GuardVerdict verdict = ArgumentGuard.of(selector, PATHS).check(json(arguments));
        assertThat(verdict.allowed() ? "ALLOW" : verdict.reasonKey()).isEqualTo(expected);
    }

    @Test
    void missingArgumentMayBeAllowedExplicitly() throws Exception {
        ArgumentGuard optional = new ArgumentGuard(ArgumentSelector.parse("cwd"), PATHS, MissingArgument.ALLOW);
        assertThat(optional.check(json("{}")).allowed()).isTrue();
        assertThat(optional.check(null).allowed()).isTrue();
        assertThat(optional.check(json("{\"cwd\":\"/tmp\"}")).reason()).isEqualTo(GuardReason.PATH_OUTSIDE_ALLOWLIST);
        assertThat(optional.check(json("{\"cwd\":5}")).reason()).isEqualTo(GuardReason.ARG_NOT_STRING);
    }

    @Test
    void denialNamesTheArgumentAndElementButNotTheValue() throws Exception {
        GuardVerdict verdict =
                ArgumentGuard.of("paths", PATHS).check(json("{\"paths\":[\"/srv/data/a\",\"/etc/shadow\"]}"));
        assertThat(verdict.detail()).contains("argument 'paths' element 1").doesNotContain("shadow");
        assertThat(verdict.canonical()).isEqualTo("/etc/shadow");
    }

    @Test
    void singleStringAllowReportsTheCanonicalForm() throws Exception {
        GuardVerdict verdict = ArgumentGuard.of("path", PATHS).check(json("{\"path\":\"/srv//data/./a\"}"));
        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.canonical()).isEqualTo("/srv/data/a");
    }

    @Test
    void invalidSelectorsAreRejected() {
        assertThatThrownBy(() -> ArgumentSelector.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ArgumentSelector.parse("/a~2")).hasMessageContaining("'~' not followed by 0 or 1");
        assertThatThrownBy(() -> ArgumentSelector.parse("/a~")).hasMessageContaining("RFC 6901");
        assertThat(ArgumentSelector.parse("/x/y").expression()).isEqualTo("/x/y");
    }

    @Test
    void verdictRejectsContradictions() {
        assertThatThrownBy(() -> new GuardVerdict(true, GuardReason.PATH_TRAVERSAL, "", ""))
                .hasMessageContaining("contradicts");
        assertThatThrownBy(() -> new GuardVerdict(false, GuardReason.ALLOWED, "", ""))
                .hasMessageContaining("contradicts");
    }
}
