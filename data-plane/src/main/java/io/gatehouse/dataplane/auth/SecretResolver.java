package io.gatehouse.dataplane.auth;

import static java.util.Objects.requireNonNull;

import io.gatehouse.protocol.bundle.SecretRef;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves secret references from configuration into secret values. Bundles and config files carry
 * only references, never secrets:
 *
 * <ul>
 *   <li>{@code env:NAME} — the environment variable {@code NAME} (must be set and non-empty);
 *   <li>{@code file:/absolute/path} — the content of a regular file (UTF-8, at most 64 KiB), with
 *       one trailing newline ({@code \n} or {@code \r\n}) removed.
 * </ul>
 *
 * <p>File permissions: group- or world-<em>readable</em> files are accepted, because the standard
 * secret mounts (Kubernetes secret volumes, Docker secrets) are {@code 0644}/{@code 0444} by default
 * and the data plane runs as its own user in its own container; world-<em>writable</em> files are
 * refused, since anyone on the host could replace the secret. Errors name the reference and what is
 * wrong, never the value; nothing here logs, and this class keeps no secret in a field or in
 * {@code toString}. Resolution is done on every call, so a rotated file takes effect without a
 * restart.
 */
public final class SecretResolver {

    private static final int MAX_FILE_BYTES = 64 * 1024;

    private final Function<String, String> environment;

    /** A resolver over the process environment. */
    public SecretResolver() {
        this(System::getenv);
    }

    /** A resolver over the given environment lookup (tests, or a filtered environment). */
    public SecretResolver(Function<String, String> environment) {
        this.environment = requireNonNull(environment, "environment");
    }

    /**
     * @param reference {@code env:NAME} or {@code file:/path}
     * @return the secret value (never empty)
     * @throws SecretReferenceException when the reference is malformed, uses an unknown scheme, or
     *     names a secret that is missing, empty or unsafe
     */
    public String resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new SecretReferenceException("secret reference is empty (expected: env:NAME or file:/path)");
        }
        int colon = reference.indexOf(':');
        String scheme = colon < 0 ? "" : reference.substring(0, colon);
        String target = colon < 0 ? "" : reference.substring(colon + 1);
        return switch (scheme) {
            case "env" -> fromEnvironment(reference, target);
            case "file" -> fromFile(reference, target);
            default ->
                throw new SecretReferenceException("secret reference '" + safe(reference)
                        + "': unknown scheme (expected: env:NAME or file:/path)");
        };
    }

    /**
     * Checks that {@code reference} is well-formed, without resolving it. The grammar is the bundle's
     * ({@link SecretRef#parse}), so a reference the control plane accepted is one the agent accepts.
     */
    public static void checkSyntax(String reference) {
        try {
            SecretRef.parse(reference == null ? "" : reference);
        } catch (IllegalArgumentException e) {
            throw new SecretReferenceException("secret reference '" + safe(reference)
                    + "': malformed (expected: env:NAME or file:/absolute/path)");
        }
    }

    private String fromEnvironment(String reference, String name) {
        if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new SecretReferenceException(
                    "secret reference '" + safe(reference) + "': invalid environment variable name");
        }
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw new SecretReferenceException(
                    "secret reference '" + reference + "': environment variable " + name + " is not set or empty");
        }
        return value;
    }

    private static String fromFile(String reference, String location) {
        if (location.isEmpty() || !location.startsWith("/")) {
            throw new SecretReferenceException(
                    "secret reference '" + safe(reference) + "': file path must be absolute");
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new SecretReferenceException(
                    "secret reference '" + reference + "': file does not exist or is not a regular file");
        }
        try {
            if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                    throw new SecretReferenceException(
                            "secret reference '" + reference + "': file is world-writable (fix with chmod o-w)");
                }
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                throw new SecretReferenceException(
                        "secret reference '" + reference + "': file is larger than " + MAX_FILE_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(path);
            String value = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            } else if (value.endsWith("\n")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.isEmpty()) {
                throw new SecretReferenceException("secret reference '" + reference + "': file is empty");
            }
            return value;
        } catch (CharacterCodingException e) {
            throw new SecretReferenceException("secret reference '" + reference + "': file is not valid UTF-8");
        } catch (IOException e) {
            throw new SecretReferenceException("secret reference '" + reference + "': file cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** References are not secret, but keep error messages short and single-line. */
    private static String safe(String reference) {
        if (reference == null) {
            return "null";
        }
        String oneLine = reference.replaceAll("[\\r\\n\\t]", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
    }

    @Override
    public String toString() {
        return "SecretResolver[env:, file:]";
    }
}
