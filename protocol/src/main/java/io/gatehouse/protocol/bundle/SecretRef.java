package io.gatehouse.protocol.bundle;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * Where the data plane finds a secret in its own environment: {@code env:NAME} (an environment
 * variable) or {@code file:/absolute/path} (a file, e.g. a mounted Kubernetes secret). A bundle
 * carries only the reference, never the secret value.
 *
 * @param source ENV or FILE
 * @param name variable name or absolute file path
 */
public record SecretRef(Source source, String name) {

    public enum Source {
        ENV,
        FILE
    }

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public SecretRef {
        requireNonNull(source, "source");
        requireNonNull(name, "name");
        if (source == Source.ENV && !ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "secret reference 'env:" + name + "' (expected: an environment variable name)");
        }
        if (source == Source.FILE && (!name.startsWith("/") || name.contains("\0"))) {
            throw new IllegalArgumentException(
                    "secret reference 'file:" + name + "' (expected: an absolute file path)");
        }
    }

    /** Parses {@code env:NAME} or {@code file:/path}. */
    @JsonCreator
    public static SecretRef parse(String reference) {
        requireNonNull(reference, "reference");
        if (reference.startsWith("env:")) {
            return new SecretRef(Source.ENV, reference.substring(4));
        }
        if (reference.startsWith("file:")) {
            return new SecretRef(Source.FILE, reference.substring(5));
        }
        throw new IllegalArgumentException(
                "secret reference must be 'env:NAME' or 'file:/path' (a bundle never carries a secret value)");
    }

    @JsonValue
    @Override
    public String toString() {
        return (source == Source.ENV ? "env:" : "file:") + name;
    }
}
