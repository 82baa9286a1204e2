package io.gatehouse.protocol.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * Golden wire-format files under {@code src/test/resources}. Regenerate deliberately with
 * {@code -Dgatehouse.golden.update=true} and review the diff: a change is a wire-format change.
 */
public final class Golden {

    private static final Path ROOT = Path.of("src", "test", "resources");

    private Golden() {}

    public static String read(String resource) {
        try {
            return Files.readString(ROOT.resolve(resource), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertMatches(String resource, String actual) {
        Path file = ROOT.resolve(resource);
        if (Boolean.getBoolean("gatehouse.golden.update")) {
            try {
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertThat(actual).as("golden file %s (wire format changed?)", resource).isEqualTo(read(resource));
    }

    /** A fixed private JWK from the test resources. */
    public static ECKey key(String resource) {
        try {
            return ECKey.parse(read(resource));
        } catch (ParseException e) {
            throw new IllegalStateException(resource, e);
        }
    }
}
