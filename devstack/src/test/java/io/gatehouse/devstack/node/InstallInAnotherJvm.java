package io.gatehouse.devstack.node;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point for {@link NodeToolsTest}: installs one package from a second JVM. Args: cacheDir npm name
 * version readyFile goFile. Writes {@code readyFile}, waits for {@code goFile}, then installs, so several
 * JVMs start installing at the same moment.
 */
final class InstallInAnotherJvm {

    private InstallInAnotherJvm() {}

    public static void main(String[] args) throws Exception {
        NodeTools tools = new NodeTools(Path.of(args[0]), args[1]);
        Files.writeString(Path.of(args[4]), "ready");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(Path.of(args[5])) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        tools.packageDir(new NpmPackage(args[2], args[3]));
    }
}
