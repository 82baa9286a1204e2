package io.gatehouse.dataplane.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records as JSON lines (a file, or standard output) from a background thread. A full
 * queue drops the record and counts it ({@link #dropped()}), so the request path never waits.
 */
public final class JsonLinesAuditSink implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditSink.class);
    private static final AuditRecord POISON = new AuditRecord(
            null, "", "", 0, "", "", "", "", "", "", "", "", "", "", "", 0, 0, "", null, "", java.util.List.of());

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer writer;
    private final Thread thread;

    private JsonLinesAuditSink(Writer writer) {
        this.writer = writer;
        this.thread = Thread.ofPlatform().name("audit-jsonl").daemon(true).start(this::run);
    }

    /** Appends to {@code file}, creating it (and its folder) if needed. */
    public static JsonLinesAuditSink toFile(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return new JsonLinesAuditSink(Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    public static JsonLinesAuditSink toStdout() {
        return new JsonLinesAuditSink(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    }

    @Override
    public void accept(AuditRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>();
        try {
            while (true) {
                AuditRecord first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1023);
                boolean stop = false;
                for (AuditRecord record : batch) {
                    if (record == POISON) {
                        stop = true;
                        continue;
                    }
                    writer.write(json.writeValueAsString(record));
                    writer.write('\n');
                }
                writer.flush();
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("audit sink stopped: cannot write ({})", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            queue.put(POISON);
            thread.join(5_000);
            writer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("audit sink: final flush failed ({})", e.toString());
        }
    }
}
