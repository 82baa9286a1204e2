package io.gatehouse.devstack.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * devstack's own runtime classpath, usable from any module: devstack's classes (or jar) found through
 * {@link CodeSource}, followed by the absolute jar paths that the build wrote to the resource
 * {@value #RESOURCE} (maven-dependency-plugin {@code build-classpath}, runtime scope, optional
 * dependencies such as {@code pulsar-broker} included).
 */
public final class RuntimeClasspath {
    public static final String RESOURCE = "/io/gatehouse/devstack/runtime-classpath.txt";

    /** Overrides the whole computed classpath (escape hatch for unusual layouts). */
    public static final String OVERRIDE_PROPERTY = "gatehouse.devstack.classpath";

    private RuntimeClasspath() {}

    /** The classpath string for a child JVM, entries joined by {@link File#pathSeparator}. */
    public static String forChildJvm() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return override;
        }
        List<String> entries = new ArrayList<>();
        entries.add(devstackLocation().toString());
        entries.addAll(dependencyEntries());
        return String.join(File.pathSeparator, entries);
    }

    /** Where devstack's own classes come from: {@code devstack/target/classes} or the devstack jar. */
    public static Path devstackLocation() {
        CodeSource source = RuntimeClasspath.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot locate devstack's classes: no CodeSource for "
                    + RuntimeClasspath.class.getName() + "; set -D" + OVERRIDE_PROPERTY + "=<classpath>");
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("devstack's classes are not in a local file: " + source.getLocation(), e);
        }
    }

    static List<String> dependencyEntries() {
        String text;
        try (InputStream in = RuntimeClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "devstack resource " + RESOURCE
                                + " is missing: build devstack with ./mvnw -pl devstack -am package (it is written at build time)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read devstack resource " + RESOURCE, e);
        }
        return parse(text);
    }

    static List<String> parse(String text) {
        if (text.isEmpty() || text.contains("${")) {
            throw new IllegalStateException("devstack resource " + RESOURCE + " was not filled in by the build (got '"
                    + abbreviate(text) + "'); rebuild devstack with ./mvnw");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("devstack runtime classpath entry is missing: " + entry
                        + " (the local Maven repository changed since devstack was built; rebuild devstack)");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
