package io.gatehouse.dataplane.bundle;

import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a bundle from a local file (the source until bundles arrive over Pulsar). */
public final class LocalBundleSource {

    private LocalBundleSource() {}

    public static Bundle read(Path file) throws BundleFormatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BundleFormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try {
            return BundleCodec.decode(bytes);
        } catch (BundleFormatException e) {
            throw new BundleFormatException(file + ": " + e.getMessage(), e);
        }
    }
}
