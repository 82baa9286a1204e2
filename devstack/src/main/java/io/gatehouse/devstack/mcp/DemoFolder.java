package io.gatehouse.devstack.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo server's folder: created and seeded with a few files (existing files are left alone), and the
 * only place {@code read_file} may read from. Paths are resolved against the folder, normalised, and
 * checked again after following symbolic links, so neither {@code ../} nor a link leads outside.
 */
final class DemoFolder {

    static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Path root;

    private DemoFolder(Path root) {
        this.root = root;
    }

    static DemoFolder createAndSeed(Path dir) {
        try {
            Files.createDirectories(dir);
            Path root = dir.toRealPath();
            for (Map.Entry<String, String> file : seedFiles().entrySet()) {
                Path target = root.resolve(file.getKey());
                if (!Files.exists(target)) {
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                }
            }
            return new DemoFolder(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo folder " + dir + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** Reads a file inside the folder, or explains why not. */
    String read(String requested) throws DemoToolException {
        if (requested == null || requested.isBlank()) {
            throw new DemoToolException("path: missing (expected a file path inside the demo folder, e.g. README.md)");
        }
        Path candidate;
        try {
            candidate = root.resolve(requested).normalize();
        } catch (InvalidPathException e) {
            throw new DemoToolException("path: '" + requested + "' is not a valid path: " + e.getReason());
        }
        if (!candidate.startsWith(root)) {
            throw outside(requested);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            throw new DemoToolException("path: '" + requested + "' does not exist in the demo folder");
        } catch (IOException e) {
            throw new DemoToolException("path: '" + requested + "' cannot be read: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw outside(requested);
        }
        if (!Files.isRegularFile(real)) {
            throw new DemoToolException("path: '" + requested + "' is not a regular file");
        }
        try {
            long size = Files.size(real);
            if (size > MAX_FILE_BYTES) {
                throw new DemoToolException(
                        "path: '" + requested + "' is " + size + " bytes (limit " + MAX_FILE_BYTES + ")");
            }
            return Files.readString(real, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DemoToolException("path: '" + requested + "' cannot be read: " + e.getMessage());
        }
    }

    private DemoToolException outside(String requested) {
        return new DemoToolException(
                "path: '" + requested + "' is outside the demo folder; read_file only reads " + "files inside it");
    }

    private static Map<String, String> seedFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", """
                # Gatehouse demo folder

                The demo MCP server's `read_file` tool reads files in this folder and nowhere else.
                Try `read_file("notes/todo.txt")`, then ask Gatehouse to block or redact what you find.
                """);
        files.put("notes/todo.txt", """
                - rotate the staging database password
                - send the Q3 report to finance@example.com
                - review the data plane rate limits
                """);
        files.put("customers.csv", """
                id,name,email,phone
                1,Alice Example,alice@example.com,+1-202-555-0143
                2,Bob Example,bob@example.org,+1-202-555-0178
                """);
        files.put("config/app.env", """
                # AWS's documented example credentials, not real ones: good for redaction demos.
                AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
                AWS_REGION=eu-central-1
                """);
        return files;
    }

    /** A tool call that cannot be served; the message becomes the tool error shown to the client. */
    static final class DemoToolException extends Exception {
        private static final long serialVersionUID = 1L;

        DemoToolException(String message) {
            super(message);
        }
    }
}
