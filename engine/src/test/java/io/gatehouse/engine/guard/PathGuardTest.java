package io.gatehouse.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.engine.guard.PathGuardConfig.DotSegments;
import io.gatehouse.engine.guard.PathGuardConfig.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {

    @Test
    void reportsCanonicalForms() {
        PathGuard guard = PathGuard.compile(
                PathGuardConfig.allowing(List.of("/srv/data/**")).withDotSegments(DotSegments.RESOLVE));
        assertThat(guard.check("/srv//data/./a/../b/").canonical()).isEqualTo("/srv/data/b");
        assertThat(guard.check("/srv/data/caf\u0065\u0301").canonical()).isEqualTo("/srv/data/caf\u00e9");
        assertThat(guard.check("/srv/data/my%20file").canonical()).isEqualTo("/srv/data/my file");
        assertThat(guard.check("/srv/data\\x").canonical()).isEqualTo("/srv/data/x");
        GuardVerdict windows = PathGuard.compile(
                        PathGuardConfig.allowing(List.of("C:\\Data\\**")).withStyle(Style.WINDOWS))
                .check("c:\\DATA\\Sub\\x.txt");
        assertThat(windows.allowed()).isTrue();
        assertThat(windows.canonical()).isEqualTo("c:/DATA/Sub/x.txt");
    }

    @Test
    void globsWithSeveralDoubleStarsMatchCorrectlyAndCheaply() {
        PathGuard guard =
                PathGuard.compile(PathGuardConfig.allowing(List.of("/srv/**/cache/**/*.tmp", "/a/**/b/**/c/**/d")));
        assertThat(guard.check("/srv/cache/x.tmp").allowed()).isTrue();
        assertThat(guard.check("/srv/p/q/cache/r/s/x.tmp").allowed()).isTrue();
        assertThat(guard.check("/srv/p/cache/x.txt").allowed()).isFalse();
        assertThat(guard.check("/srv/p/x.tmp").allowed()).isFalse();
        assertThat(guard.check("/a/b/c/d").allowed()).isTrue();
        assertThat(guard.check("/a/x/b/y/c/z/d").allowed()).isTrue();
        assertThat(guard.check("/a/x/c/y/b/z/d").allowed()).isFalse();
        // a hostile path against a multi-'**' glob: thousands of segments, still answered at once
        String hostile = "/a" + "/b/c".repeat(1_000) + "/e";
        long start = System.nanoTime();
        assertThat(guard.check(hostile).allowed()).isFalse();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(2));
    }

    @Test
    void longPathsAreDenied() {
        PathGuard guard = PathGuard.compile(
                PathGuardConfig.allowing(List.of("/srv/data/**")).withMaxLength(64));
        assertThat(guard.check("/srv/data/" + "a".repeat(60)).reason()).isEqualTo(GuardReason.PATH_TOO_LONG);
        assertThat(guard.check(null).reason()).isEqualTo(GuardReason.PATH_EMPTY);
    }

    @Test
    void rejectsInvalidConfiguration() {
        assertThatThrownBy(() -> PathGuardConfig.allowing(List.of())).hasMessageContaining("allowed: empty");
        assertThatThrownBy(() -> PathGuard.compile(PathGuardConfig.allowing(List.of("srv/data/**"))))
                .hasMessageContaining("'srv/data/**' is not an absolute canonical glob");
        assertThatThrownBy(() -> PathGuard.compile(PathGuardConfig.allowing(List.of("/srv/../etc/**"))))
                .hasMessageContaining("not an absolute canonical glob");
        assertThatThrownBy(() -> PathGuard.compile(PathGuardConfig.allowing(List.of("/srv/data**/x"))))
                .hasMessageContaining("'**' inside a segment");
        assertThatThrownBy(() -> PathGuard.compile(
                        PathGuardConfig.allowing(List.of("/srv/**")).withRelativeBase("relative/base")))
                .hasMessageContaining("relativeBase");
        assertThatThrownBy(() -> PathGuard.compile(
                        PathGuardConfig.allowing(List.of("/srv/**")).withSymlinkRoot(Path.of("/does/not/exist"))))
                .hasMessageContaining("symlinkRoot");
        assertThatThrownBy(() -> PathGuardConfig.allowing(List.of("/x")).withMaxLength(0))
                .hasMessageContaining("maxLength: 0");
    }

    @Test
    void symlinkCheckDeniesLinksAnywhereOnThePath(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("srv/data/real"));
        Files.writeString(root.resolve("srv/data/real/file.txt"), "x");
        Path outside = Files.createDirectories(root.resolve("etc"));
        Files.writeString(outside.resolve("passwd"), "secret");
        Files.createSymbolicLink(root.resolve("srv/data/link"), outside);
        Files.createSymbolicLink(root.resolve("srv/data/real/file-link.txt"), outside.resolve("passwd"));

        PathGuard guard = PathGuard.compile(
                PathGuardConfig.allowing(List.of("/srv/data/**")).withSymlinkRoot(root));
        assertThat(guard.check("/srv/data/real/file.txt").allowed()).isTrue();
        assertThat(guard.check("/srv/data/real/new-file.txt").allowed()).isTrue();
        assertThat(guard.check("/srv/data/link/passwd").reason()).isEqualTo(GuardReason.PATH_SYMLINK);
        assertThat(guard.check("/srv/data/real/file-link.txt").reason()).isEqualTo(GuardReason.PATH_SYMLINK);
        assertThat(guard.check("/srv/data/link").reason()).isEqualTo(GuardReason.PATH_SYMLINK);

        PathGuard lexical = PathGuard.compile(PathGuardConfig.allowing(List.of("/srv/data/**")));
        assertThat(lexical.check("/srv/data/link/passwd").allowed())
                .as("without a symlink root the check is purely lexical")
                .isTrue();
    }

    @Test
    void isThreadSafeUnderConcurrentUse() throws Exception {
        PathGuard guard = PathGuard.compile(PathGuardConfig.allowing(List.of("/srv/data/**")));
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2_000; i++) {
                    if (!guard.check("/srv/data/f" + i).allowed()
                            || guard.check("/srv/x" + i).allowed()) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }
}
