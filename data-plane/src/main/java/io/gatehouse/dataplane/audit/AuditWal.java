package io.gatehouse.dataplane.audit;

import static java.util.Objects.requireNonNull;

import io.gatehouse.protocol.audit.AuditBatch;
import io.gatehouse.protocol.audit.AuditGap;
import io.gatehouse.protocol.audit.ChainPosition;
import io.gatehouse.protocol.audit.SignedAuditBatch;
import io.gatehouse.protocol.signing.AgentIdentity;
import io.gatehouse.protocol.signing.CanonicalJson;
import io.gatehouse.protocol.signing.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's audit write-ahead log. {@link #accept} only queues (the request thread never touches the disk
 * unless back-pressure applies); one writer thread appends each record to the active segment file as a
 * record frame, and closes a batch at N records, B bytes or T seconds: the batch is numbered, chained to the
 * previous batch's hash, signed with the agent key, appended as a batch frame and fsynced. The shipper reads
 * sealed batches with {@link #next} and calls {@link #acknowledge} after the broker stored them; segment
 * files whose batches are all acknowledged are deleted.
 *
 * <p>Recovery ({@link #open}): segments are scanned frame by frame; a torn tail (cut short, bad CRC) is
 * truncated; record frames after the last batch frame were written but not yet sealed, and become the start
 * of the next batch, so a crash loses only what was still queued in memory.
 *
 * <p>Disk limit: once unshipped segments reach {@link WalSettings#maxDiskBytes} the writer stops taking
 * records; the queue fills and {@link WalSettings.WhenFull} decides: block the caller (back-pressure) or
 * drop, count, and later write a signed gap batch.
 */
public final class AuditWal implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWal.class);
    private static final String META = "wal.meta";
    private static final String ACKED = "acked";
    private static final AuditRecord STOP =
            new AuditRecord(null, "", "", 0, "", "", "", "", "", "", "", "", "", "", "", 0, 0, "", null, "", List.of());

    private final WalSettings settings;
    private final AgentIdentity identity;
    private final String tenant;
    private final String agentId;
    private final Clock clock;
    private final long epoch;
    private final BlockingQueue<AuditRecord> queue;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sealedOrAcked = lock.newCondition();
    private final AtomicLong walBytes = new AtomicLong();
    private final AtomicLong ackedSeq = new AtomicLong();
    private final AtomicLong backpressureWaits = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong batchesSealed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object dropLock = new Object();
    private final String recoveredLastRecordId;
    private final Thread writer;

    // writer-thread state
    private ChainPosition position;
    private volatile Segment active;
    private java.nio.channels.FileChannel activeChannel;
    private final List<io.gatehouse.protocol.audit.AuditRecord> pending = new ArrayList<>();
    private final Set<String> pendingIds = new HashSet<>();
    private long pendingBytes;
    private long pendingSince;
    private long idFallback;
    private ByteBuffer frameBuffer = ByteBuffer.allocate(256 * 1024);

    // dropped records not yet stated in a gap batch (guarded by dropLock)
    private long dropped;
    private Instant droppedFrom;
    private Instant droppedTo;

    private volatile boolean closing;
    private volatile boolean blockedOnDisk;

    private AuditWal(
            WalSettings settings,
            AgentIdentity identity,
            String tenant,
            String agentId,
            Clock clock,
            long epoch,
            Recovery recovery) {
        this.settings = settings;
        this.identity = identity;
        this.tenant = tenant;
        this.agentId = agentId;
        this.clock = clock;
        this.epoch = epoch;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.position = recovery.position;
        this.pending.addAll(recovery.pending);
        for (io.gatehouse.protocol.audit.AuditRecord r : recovery.pending) {
            pendingIds.add(r.id());
            pendingBytes += r.canonicalBytes().length;
        }
        this.pendingSince = System.nanoTime();
        this.recoveredLastRecordId = recovery.lastRecordId;
        this.writer = Thread.ofPlatform().name("audit-wal").daemon(true).unstarted(this::run);
    }

    /**
     * Opens (or creates) the WAL in {@code settings.dir()}, recovers it and starts the writer.
     *
     * @param identity the agent key that signs batches
     * @param tenant the agent's tenant id
     * @param agentId the agent id (batches and records carry it)
     */
    public static AuditWal open(
            WalSettings settings, AgentIdentity identity, String tenant, String agentId, Clock clock)
            throws IOException {
        requireNonNull(settings, "settings");
        requireNonNull(identity, "identity");
        requireNonNull(tenant, "tenant");
        requireNonNull(agentId, "agentId");
        requireNonNull(clock, "clock");
        Path dir = settings.dir();
        Files.createDirectories(dir);
        long epoch = readOrCreateEpoch(dir, clock);
        long acked = readAcked(dir);
        Recovery recovery = new Recovery(ChainPosition.genesis(epoch));
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> Segment.parseNumber(p.getFileName().toString()) >= 0)
                    .sorted()
                    .toList();
        }
        List<Segment> found = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Segment segment = new Segment(Segment.parseNumber(file.getFileName().toString()), file);
            recovery.scan(segment, i == files.size() - 1);
            found.add(segment);
        }
        AuditWal wal = new AuditWal(settings, identity, tenant, agentId, clock, epoch, recovery);
        for (Segment segment : found) {
            wal.segments.put(segment.number, segment);
            wal.walBytes.addAndGet(segment.size);
        }
        wal.ackedSeq.set(Math.min(acked, recovery.position.seq()));
        if (recovery.position.seq() > 0 && recovery.position.epoch() != epoch) {
            throw new IOException(
                    "WAL epoch " + epoch + " does not match its batches' epoch " + recovery.position.epoch());
        }
        wal.openActive();
        wal.deleteAcknowledgedSegments();
        LOG.info(
                "audit WAL {}: epoch {}, last seq {}, acked {}, {} unsealed record(s) recovered, {} segment(s)",
                dir,
                epoch,
                recovery.position.seq(),
                wal.ackedSeq.get(),
                recovery.pending.size(),
                wal.segments.size());
        wal.writer.start();
        return wal;
    }

    // ---- request side ---------------------------------------------------------------------------

    @Override
    public void accept(AuditRecord record) {
        requireNonNull(record, "record");
        if (closing) {
            throw new IllegalStateException("audit WAL is closed");
        }
        if (queue.offer(record)) {
            return;
        }
        if (settings.whenFull() == WalSettings.WhenFull.DROP) {
            droppedTotal.incrementAndGet();
            synchronized (dropLock) {
                dropped++;
                Instant at = record.time() == null ? clock.instant() : record.time();
                if (droppedFrom == null || at.isBefore(droppedFrom)) {
                    droppedFrom = at;
                }
                if (droppedTo == null || at.isAfter(droppedTo)) {
                    droppedTo = at;
                }
            }
            return;
        }
        backpressureWaits.incrementAndGet();
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit WAL (back-pressure)", e);
        }
    }

    // ---- shipper side ---------------------------------------------------------------------------

    /** The epoch of this WAL (fixed when the folder was created). */
    public long epoch() {
        return epoch;
    }

    public String agentId() {
        return agentId;
    }

    public String tenant() {
        return tenant;
    }

    /** Highest seq the broker acknowledged. */
    public long ackedSeq() {
        return ackedSeq.get();
    }

    /** Seq of the last sealed batch. */
    public long lastSealedSeq() {
        lock.lock();
        try {
            return position.seq();
        } finally {
            lock.unlock();
        }
    }

    /** A reader of sealed batches from the oldest segment on (each shipper connection opens one). */
    public Reader reader() {
        return new Reader();
    }

    /**
     * Marks every batch up to {@code seq} as stored by the broker: persists the mark and deletes segment
     * files that hold only acknowledged batches. Lower values than the current mark are ignored.
     */
    public void acknowledge(long seq) {
        long previous = ackedSeq.getAndAccumulate(seq, Math::max);
        if (seq <= previous) {
            return;
        }
        try {
            writeAtomically(settings.dir().resolve(ACKED), Long.toString(ackedSeq.get()));
            deleteAcknowledgedSegments();
        } catch (IOException e) {
            LOG.warn("audit WAL: cannot record acknowledged seq {} ({})", seq, e.toString());
        }
        signal();
    }

    private void deleteAcknowledgedSegments() throws IOException {
        long acked = ackedSeq.get();
        for (Segment segment : segments.values()) {
            if (segment == active || !segment.closed) {
                break;
            }
            if (segment.lastSeq > acked) {
                break;
            }
            if (segments.remove(segment.number) != null) {
                Files.deleteIfExists(segment.path);
                walBytes.addAndGet(-segment.size);
            }
        }
    }

    // ---- metrics --------------------------------------------------------------------------------

    /** Bytes of segment files on disk. */
    public long walBytes() {
        return walBytes.get();
    }

    /** Batches sealed but not yet acknowledged by the broker. */
    public long unshippedBatches() {
        return Math.max(0, lastSealedSeq() - ackedSeq.get());
    }

    /** How often a caller had to wait because the queue was full (BLOCK policy). */
    public long backpressureWaits() {
        return backpressureWaits.get();
    }

    /** Records dropped on purpose (DROP policy); each drop run is stated in a signed gap batch. */
    public long droppedRecords() {
        return droppedTotal.get();
    }

    public long recordsWritten() {
        return recordsWritten.get();
    }

    /** True while the writer waits for the shipper to free disk space. */
    public boolean blockedOnDisk() {
        return blockedOnDisk;
    }

    /** The last record id found on disk at {@link #open} (null for a new WAL). */
    public String recoveredLastRecordId() {
        return recoveredLastRecordId;
    }

    /** Why the writer stopped, if it did (the WAL then refuses nothing but writes nothing). */
    public Throwable failure() {
        return failure.get();
    }

    // ---- writer ---------------------------------------------------------------------------------

    /**
     * A drain smaller than this (and than a quarter of the queue, so a small queue never lingers into the
     * {@code whenFull} policy) is followed by a short linger (see {@link #run}).
     */
    private static final int LINGER_BELOW = 4096;

    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private void run() {
        List<AuditRecord> drained = new ArrayList<>();
        long maxDelayNanos = settings.maxBatchDelay().toNanos();
        int lingerBelow = Math.min(LINGER_BELOW, settings.queueCapacity() / 4);
        try {
            boolean stop = false;
            while (!stop) {
                long waitNanos = pending.isEmpty()
                        ? TimeUnit.MILLISECONDS.toNanos(200)
                        : Math.max(0, pendingSince + maxDelayNanos - System.nanoTime());
                AuditRecord first = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
                writeGapIfDropped();
                if (first != null) {
                    drained.add(first);
                    queue.drainTo(drained, 4096);
                    for (AuditRecord call : drained) {
                        if (call == STOP) {
                            stop = true;
                            continue;
                        }
                        append(call);
                    }
                    int taken = drained.size();
                    drained.clear();
                    flushFrames();
                    if (!stop && taken < lingerBelow) {
                        // under load, let records gather instead of being woken by every accept(): a parked
                        // writer is not waiting on the queue, so offer() signals nobody (one wake-up per
                        // millisecond instead of one per call; records reach the segment file <= 1 ms later)
                        LockSupport.parkNanos(LINGER_NANOS);
                    }
                }
                if (!pending.isEmpty() && System.nanoTime() - pendingSince >= maxDelayNanos) {
                    seal();
                }
            }
            writeGapIfDropped();
            if (!pending.isEmpty()) {
                seal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure.set(e);
            LOG.error("audit WAL writer stopped: {}", e.toString());
        } finally {
            try {
                if (activeChannel != null) {
                    activeChannel.close();
                }
            } catch (IOException e) {
                LOG.warn("audit WAL: closing the active segment failed ({})", e.toString());
            }
        }
    }

    private void append(AuditRecord call) throws IOException, InterruptedException {
        awaitDiskSpace();
        String id = AuditRecords.recordId(call.requestId(), ++idFallback);
        if (pendingIds.contains(id)) {
            id = id + "." + idFallback;
        }
        io.gatehouse.protocol.audit.AuditRecord record;
        try {
            record = AuditRecords.toProtocol(call, tenant, agentId, id);
        } catch (IllegalArgumentException e) {
            // a field the wire format refuses (e.g. a control character in a subject): keep the call on
            // record without the offending detail rather than lose it
            LOG.warn("audit record {} simplified: {}", id, e.getMessage());
            record = AuditRecords.toProtocol(sanitized(call), tenant, agentId, id);
        }
        byte[] json = record.canonicalBytes();
        if (!pending.isEmpty() && pendingBytes + json.length > settings.maxBatchBytes()) {
            seal();
        }
        if (pending.isEmpty()) {
            pendingSince = System.nanoTime();
            rotateIfFull();
        }
        putFrame(Frames.RECORD, json);
        pending.add(record);
        pendingIds.add(id);
        pendingBytes += json.length;
        recordsWritten.incrementAndGet();
        if (pending.size() >= settings.maxBatchRecords()) {
            seal();
        }
    }

    private static AuditRecord sanitized(AuditRecord c) {
        return new AuditRecord(
                c.time(),
                c.requestId(),
                c.tenantId(),
                c.bundleVersion(),
                clean(c.route()),
                "",
                "",
                "",
                clean(c.httpMethod()),
                clean(c.method()),
                clean(c.tool()),
                "",
                clean(c.prompt()),
                c.decision(),
                c.reason(),
                c.status(),
                c.latencyMillis(),
                c.argumentDigest().matches("[A-Za-z0-9_-]{43}") ? c.argumentDigest() : "",
                null,
                "",
                List.of());
    }

    private static String clean(String text) {
        String cleaned = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 256 ? cleaned.substring(0, 256) : cleaned;
    }

    private void writeGapIfDropped() throws IOException {
        long count;
        Instant from;
        Instant to;
        synchronized (dropLock) {
            if (dropped == 0) {
                return;
            }
            count = dropped;
            from = droppedFrom;
            to = droppedTo;
            dropped = 0;
            droppedFrom = null;
            droppedTo = null;
        }
        if (!pending.isEmpty()) {
            seal(); // the gap comes after the records written before it
        }
        AuditBatch gap =
                AuditBatch.gap(tenant, agentId, position, clock.instant(), new AuditGap(count, "QUEUE_FULL", from, to));
        writeBatch(gap, 0);
        LOG.warn("audit WAL: {} record(s) dropped (policy DROP); signed gap batch seq {}", count, gap.seq());
    }

    private void seal() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        AuditBatch batch = AuditBatch.records(tenant, agentId, position, clock.instant(), pending);
        int count = pending.size();
        pending.clear();
        pendingIds.clear();
        pendingBytes = 0;
        writeBatch(batch, count);
    }

    private void writeBatch(AuditBatch batch, int records) throws IOException {
        SignedAuditBatch signed = SignedAuditBatch.sign(batch, identity);
        byte[] compact = signed.compact().getBytes(StandardCharsets.US_ASCII);
        putFrame(Frames.BATCH, Frames.batchPayload(batch.seq(), compact));
        flushFrames();
        activeChannel.force(false);
        lock.lock();
        try {
            position = new ChainPosition(batch.epoch(), batch.seq(), signed.hash());
            active.lastSeq = batch.seq();
            active.sealedEnd = active.size;
            batchesSealed.incrementAndGet();
            sealedOrAcked.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void putFrame(byte type, byte[] payload) throws IOException {
        int needed = Frames.HEADER + payload.length;
        if (frameBuffer.remaining() < needed) {
            flushFrames();
            if (frameBuffer.capacity() < needed) {
                frameBuffer = ByteBuffer.allocate(needed);
            }
        }
        Frames.put(frameBuffer, type, payload);
    }

    private void flushFrames() throws IOException {
        frameBuffer.flip();
        int written = 0;
        while (frameBuffer.hasRemaining()) {
            written += activeChannel.write(frameBuffer);
        }
        frameBuffer.clear();
        active.size += written;
        walBytes.addAndGet(written);
    }

    private void rotateIfFull() throws IOException {
        if (active.size >= settings.segmentBytes()) {
            rotate();
        }
    }

    private void rotate() throws IOException {
        flushFrames();
        activeChannel.force(false);
        activeChannel.close();
        Segment next = new Segment(active.number + 1, settings.dir().resolve(Segment.fileName(active.number + 1)));
        Segment previous = active;
        openSegment(next);
        previous.closed = true;
        signal();
        deleteAcknowledgedSegments();
    }

    private void awaitDiskSpace() throws IOException, InterruptedException {
        if (walBytes.get() < settings.maxDiskBytes()) {
            return;
        }
        // let acknowledgements free space: close what is open so the shipper can finish it
        seal();
        if (active.size > 0) {
            rotate();
        }
        blockedOnDisk = true;
        try {
            lock.lock();
            try {
                while (walBytes.get() >= settings.maxDiskBytes() && !closing) {
                    sealedOrAcked.await(200, TimeUnit.MILLISECONDS);
                }
            } finally {
                lock.unlock();
            }
        } finally {
            blockedOnDisk = false;
        }
    }

    private void openActive() throws IOException {
        Map.Entry<Long, Segment> last = segments.lastEntry();
        if (last == null) {
            openSegment(new Segment(1, settings.dir().resolve(Segment.fileName(1))));
            return;
        }
        Segment segment = last.getValue();
        active = segment;
        activeChannel = java.nio.channels.FileChannel.open(segment.path, StandardOpenOption.WRITE);
        activeChannel.position(segment.size);
        for (Segment s : segments.headMap(segment.number).values()) {
            s.closed = true;
        }
    }

    private void openSegment(Segment segment) throws IOException {
        activeChannel = java.nio.channels.FileChannel.open(
                segment.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.put(segment.number, segment);
        active = segment;
        syncDirectory(settings.dir());
    }

    private void signal() {
        lock.lock();
        try {
            sealedOrAcked.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking records, seals what is queued, and stops the writer (waits up to 10 s). Nothing that
     * was accepted is lost: unshipped batches stay on disk for the next start.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            queue.put(STOP);
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signal();
    }

    // ---- reading sealed batches -----------------------------------------------------------------

    /** Reads sealed batches in seq order; not thread-safe (one per shipper connection). */
    public final class Reader implements AutoCloseable {
        private long segmentNumber = -1;
        private long offset;
        private java.nio.channels.FileChannel channel;

        private Reader() {}

        /**
         * The next sealed batch with a seq above {@code afterSeq}, waiting up to {@code wait} for one to be
         * sealed; null if none arrived in time.
         */
        public SealedBatch next(long afterSeq, Duration wait) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                SealedBatch batch = readNext(afterSeq);
                if (batch != null) {
                    return batch;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closing && writer.getState() == Thread.State.TERMINATED && atEnd()) {
                    return null;
                }
                lock.lock();
                try {
                    if (!hasUnread()) {
                        sealedOrAcked.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        private boolean atEnd() {
            Segment current = segments.get(segmentNumber);
            return current == null || offset >= current.sealedEnd && segments.higherKey(segmentNumber) == null;
        }

        private boolean hasUnread() {
            Segment current = segmentNumber < 0 ? null : segments.get(segmentNumber);
            if (current == null) {
                return !segments.isEmpty() && segments.lastEntry().getValue().sealedEnd > 0;
            }
            return offset < current.sealedEnd || current.closed && segments.higherKey(segmentNumber) != null;
        }

        private SealedBatch readNext(long afterSeq) throws IOException {
            while (true) {
                Segment current = segmentNumber < 0 ? null : segments.get(segmentNumber);
                if (current == null) {
                    Map.Entry<Long, Segment> next =
                            segmentNumber < 0 ? segments.firstEntry() : segments.higherEntry(segmentNumber);
                    if (next == null) {
                        return null;
                    }
                    switchTo(next.getValue());
                    current = next.getValue();
                }
                long limit = current.sealedEnd;
                while (offset < limit) {
                    Frames.Frame frame = Frames.read(channel, offset, limit, false);
                    if (frame == null) {
                        throw new IOException("unreadable frame in sealed part of " + current.path + " at " + offset);
                    }
                    offset = frame.end();
                    if (frame.type() == Frames.BATCH) {
                        long seq = Frames.batchSeq(frame.payload());
                        if (seq > afterSeq) {
                            return new SealedBatch(epoch, seq, Frames.batchCompact(frame.payload()));
                        }
                    }
                }
                Map.Entry<Long, Segment> next = segments.higherEntry(current.number);
                if (current.closed && next != null && offset >= current.sealedEnd) {
                    switchTo(next.getValue());
                    continue;
                }
                return null;
            }
        }

        private void switchTo(Segment segment) throws IOException {
            if (channel != null) {
                channel.close();
            }
            channel = java.nio.channels.FileChannel.open(segment.path, StandardOpenOption.READ);
            segmentNumber = segment.number;
            offset = 0;
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }

    // ---- recovery -------------------------------------------------------------------------------

    private static final class Recovery {
        ChainPosition position;
        final List<io.gatehouse.protocol.audit.AuditRecord> pending = new ArrayList<>();
        String lastRecordId;

        Recovery(ChainPosition start) {
            this.position = start;
        }

        void scan(Segment segment, boolean last) throws IOException {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                    segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = channel.size();
                long offset = 0;
                List<io.gatehouse.protocol.audit.AuditRecord> unsealed = new ArrayList<>();
                byte[] lastRecordPayload = null;
                while (true) {
                    Frames.Frame frame = Frames.read(channel, offset, size, last);
                    if (frame == null) {
                        break;
                    }
                    if (frame.type() == Frames.BATCH) {
                        long seq = Frames.batchSeq(frame.payload());
                        String compact = Frames.batchCompact(frame.payload());
                        if (position.seq() != 0 && seq != position.seq() + 1) {
                            throw new IOException("WAL segment " + segment.path + " has batch seq " + seq
                                    + " after seq " + position.seq());
                        }
                        String payload = compact.substring(compact.indexOf('.') + 1, compact.lastIndexOf('.'));
                        byte[] batchJson = Base64.getUrlDecoder().decode(payload);
                        long batchEpoch = AuditBatch.parse(batchJson).epoch();
                        position = new ChainPosition(batchEpoch, seq, Digests.sha256Base64Url(batchJson));
                        segment.lastSeq = seq;
                        segment.sealedEnd = frame.end();
                        unsealed.clear();
                    } else if (last) {
                        lastRecordPayload = frame.payload();
                        unsealed.add(
                                io.gatehouse.protocol.audit.AuditRecord.fromJson(CanonicalJson.parse(frame.payload())));
                    }
                    offset = frame.end();
                }
                if (offset < size) {
                    if (!last) {
                        throw new IOException("WAL segment " + segment.path + " is corrupt at byte " + offset + " of "
                                + size + " (only the newest segment can have a torn tail)");
                    }
                    LOG.warn(
                            "audit WAL: torn tail of {} truncated ({} byte(s) after offset {})",
                            segment.path,
                            size - offset,
                            offset);
                    channel.truncate(offset);
                    channel.force(true);
                }
                segment.size = offset;
                if (last) {
                    pending.addAll(unsealed);
                    if (lastRecordPayload != null) {
                        lastRecordId =
                                CanonicalJson.parse(lastRecordPayload).get("id").asText();
                    }
                }
            }
        }
    }

    // ---- files ----------------------------------------------------------------------------------

    private static long readOrCreateEpoch(Path dir, Clock clock) throws IOException {
        Path meta = dir.resolve(META);
        if (Files.exists(meta)) {
            String text = Files.readString(meta, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("epoch=")) {
                throw new IOException(meta + ": expected 'epoch=<n>'");
            }
            return Long.parseLong(text.substring("epoch=".length()));
        }
        try (Stream<Path> list = Files.list(dir)) {
            if (list.anyMatch(p -> Segment.parseNumber(p.getFileName().toString()) >= 0)) {
                throw new IOException(dir + " has WAL segments but no " + META + "; refusing to guess the epoch");
            }
        }
        // a new WAL folder is a new epoch; time-based so that a reinstalled agent's epoch is always newer
        long epoch = Math.max(1, clock.millis());
        writeAtomically(meta, "epoch=" + epoch + "\n");
        return epoch;
    }

    private static long readAcked(Path dir) throws IOException {
        Path file = dir.resolve(ACKED);
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            LOG.warn("audit WAL: unreadable {} ignored; resending from the first batch on disk", file);
            return 0;
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void syncDirectory(Path dir) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UncheckedIOException e) {
            // not every file system allows fsync on a directory; the segment's own fsync still holds
        }
    }
}
