package io.gatehouse.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.engine.guard.PathGuardConfig.DotSegments;
import io.gatehouse.engine.guard.PathGuardConfig.Style;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the hostile path corpus {@code guards/paths.tsv}. */
class PathGuardCorpusTest {

    private static final List<String> POSIX_GLOBS =
            List.of("/srv/data/**", "/home/*/projects/**", "/tmp/upload-?.txt", "/var/log/app/*.log");

    private static final Map<String, PathGuard> CONFIGS = Map.of(
            "posix", PathGuard.compile(PathGuardConfig.allowing(POSIX_GLOBS)),
            "resolve", PathGuard.compile(PathGuardConfig.allowing(POSIX_GLOBS).withDotSegments(DotSegments.RESOLVE)),
            "relbase",
                    PathGuard.compile(PathGuardConfig.allowing(POSIX_GLOBS)
                            .withDotSegments(DotSegments.RESOLVE)
                            .withRelativeBase("/srv/data")),
            "insensitive",
                    PathGuard.compile(PathGuardConfig.allowing(POSIX_GLOBS).withCaseSensitive(false)),
            "windows",
                    PathGuard.compile(PathGuardConfig.allowing(List.of("C:\\data\\**", "D:/shared/*.txt"))
                            .withStyle(Style.WINDOWS)));

    static Stream<Arguments> corpus() {
        return Corpus.load("/guards/paths.tsv").stream();
    }

    @ParameterizedTest(name = "line {0}: {4}")
    @MethodSource("corpus")
    void verdictMatchesCorpus(int line, String input, String config, String expected, String comment) {
        PathGuard guard = CONFIGS.get(config);
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
