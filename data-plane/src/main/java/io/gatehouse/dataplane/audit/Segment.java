package io.gatehouse.dataplane.audit;

import java.nio.file.Path;

/** One segment file of the WAL and what the writer has published about it. */
final class Segment {

    final long number;
    final Path path;
    /** Bytes up to the end of the last fsynced batch frame: what readers may read. */
    volatile long sealedEnd;
    /** Seq of the last batch in this segment, 0 if none yet. */
    volatile long lastSeq;
    /** Bytes on disk (including unsealed record frames). */
    volatile long size;
    /** True once the writer moved on to a later segment. */
    volatile boolean closed;

    Segment(long number, Path path) {
        this.number = number;
        this.path = path;
    }

    static String fileName(long number) {
        return String.format("seg-%016d.wal", number);
    }

    static long parseNumber(String fileName) {
        if (!fileName.matches("seg-[0-9]{16}\\.wal")) {
            return -1;
        }
        return Long.parseLong(fileName.substring(4, 20));
    }
}
