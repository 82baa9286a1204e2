package io.gatehouse.dataplane.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the agent's audit write-ahead log batches, stores and bounds records (config block {@code audit.wal}).
 *
 * @param dir folder of the segment files (created if missing; one agent per folder)
 * @param maxBatchRecords a batch closes at this many records (1..10 000)
 * @param maxBatchBytes ... or when its records' canonical JSON reaches this many bytes
 * @param maxBatchDelay ... or this long after its first record arrived
 * @param segmentBytes a segment file is closed (at a batch boundary) once it is this large
 * @param maxDiskBytes unshipped WAL bytes allowed on disk; beyond it the writer stops taking records
 * @param queueCapacity records waiting in memory for the writer
 * @param whenFull what {@code accept} does when the queue is full (disk limit reached or writer behind)
 */
public record WalSettings(
        Path dir,
        int maxBatchRecords,
        int maxBatchBytes,
        Duration maxBatchDelay,
        long segmentBytes,
        long maxDiskBytes,
        int queueCapacity,
        WhenFull whenFull) {

    /** Disk-full / queue-full policy. */
    public enum WhenFull {
        /** Back-pressure: the request thread waits until the record is queued (the default; nothing is lost). */
        BLOCK,
        /** Drop the record, count it, and write a signed gap batch stating how many were dropped and when. */
        DROP
    }

    public WalSettings {
        requireNonNull(dir, "dir");
        range("maxBatchRecords", maxBatchRecords, 1, 10_000);
        range("maxBatchBytes", maxBatchBytes, 1024, 4 * 1024 * 1024);
        requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
            throw new IllegalArgumentException("maxBatchDelay: " + maxBatchDelay + " (expected: > 0)");
        }
        range("segmentBytes", segmentBytes, 64 * 1024, 1L << 32);
        range("maxDiskBytes", maxDiskBytes, segmentBytes, Long.MAX_VALUE);
        range("queueCapacity", queueCapacity, 1, 1 << 24);
        requireNonNull(whenFull, "whenFull");
    }

    /** Defaults: 1000 records / 1 MiB / 1 s batches, 16 MiB segments, 1 GiB on disk, 16 384 queued, BLOCK. */
    public static WalSettings defaults(Path dir) {
        return new WalSettings(
                dir,
                1000,
                1024 * 1024,
                Duration.ofSeconds(1),
                16L * 1024 * 1024,
                1024L * 1024 * 1024,
                16_384,
                WhenFull.BLOCK);
    }

    private static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
