package io.gatehouse.devstack.node;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An npm package pinned to one exact version, e.g. {@code @modelcontextprotocol/conformance@0.1.16}.
 *
 * <p>Only exact versions are accepted (no ranges, tags or {@code latest}): every Gatehouse test must
 * run against the same bits on every machine.
 */
public record NpmPackage(String name, String version) {

    private static final Pattern NAME = Pattern.compile("(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*");
    private static final Pattern EXACT_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

    /** The conformance suite (server scenarios, {@code --suite all}). */
    public static final NpmPackage CONFORMANCE = new NpmPackage("@modelcontextprotocol/conformance", "0.1.16");

    /** The reference "everything" MCP server (stdio, SSE and Streamable HTTP). */
    public static final NpmPackage SERVER_EVERYTHING =
            new NpmPackage("@modelcontextprotocol/server-everything", "2026.8.31");

    /** The reference filesystem MCP server (stdio only). */
    public static final NpmPackage SERVER_FILESYSTEM =
            new NpmPackage("@modelcontextprotocol/server-filesystem", "2026.8.31");

    public NpmPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected an npm package name)");
        }
        if (!EXACT_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException(
                    "version: '" + version + "' of " + name + " (expected an exact version such as 1.2.3)");
        }
    }

    /** {@code name@version}, the form npm accepts on its command line. */
    public String spec() {
        return name + "@" + version;
    }

    /** A file-system-safe directory name for this package and version. */
    String directoryName() {
        return name.replace("@", "").replace('/', '+') + "@" + version;
    }

    @Override
    public String toString() {
        return spec();
    }
}
