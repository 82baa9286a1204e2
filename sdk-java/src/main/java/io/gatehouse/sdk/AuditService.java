package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gatehouse.protocol.api.AuditEvent;
import io.gatehouse.protocol.api.AuditStats;
import io.gatehouse.protocol.api.AuditVerification;
import io.gatehouse.protocol.api.Page;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@code /api/v1/audit}: recorded calls, aggregates, streaming export and the chain proof of a range.
 *
 * <pre>{@code
 * Page<AuditEvent> denied = gatehouse.audit().events(AuditQuery.create().decision("DENY").limit(100));
 * try (OutputStream out = Files.newOutputStream(file)) {
 *     gatehouse.audit().export(AuditQuery.create().from(start).to(end), AuditService.Format.JSONL, out);
 * }
 * AuditVerification proof = gatehouse.audit().verify(start, end);
 * }</pre>
 */
public final class AuditService {
    private static final String BASE = "/api/v1/audit";
    private static final TypeReference<Page<AuditEvent>> PAGE = new TypeReference<>() {};
    private static final TypeReference<AuditEvent> EVENT = new TypeReference<>() {};
    private static final TypeReference<AuditStats> STATS = new TypeReference<>() {};
    private static final TypeReference<AuditVerification> VERIFICATION = new TypeReference<>() {};

    /** Export formats. */
    public enum Format {
        JSONL("jsonl"),
        CSV("csv");

        private final String value;

        Format(String value) {
            this.value = value;
        }
    }

    private final HttpTransport transport;

    AuditService(HttpTransport transport) {
        this.transport = transport;
    }

    /** One page of events, newest first. */
    public Page<AuditEvent> events(AuditQuery query) {
        return transport
                .send("GET", BASE + "/events", query.toQuery(), null, RequestOptions.NONE, PAGE, true)
                .body();
    }

    /** Every matching event, newest first, fetching pages as the iteration goes. */
    public Iterable<AuditEvent> allEvents(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        return () -> new Iterator<>() {
            Page<AuditEvent> current = events(query);
            int index;

            @Override
            public boolean hasNext() {
                while (index >= current.items().size() && current.next() != null) {
                    current = events(query.cursor(current.next()));
                    index = 0;
                }
                return index < current.items().size();
            }

            @Override
            public AuditEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.items().get(index++);
            }
        };
    }

    public AuditEvent event(String id) {
        Objects.requireNonNull(id, "id");
        return transport
                .send(
                        "GET",
                        BASE + "/events/" + HttpTransport.pathSegment(id),
                        null,
                        null,
                        RequestOptions.NONE,
                        EVENT,
                        true)
                .body();
    }

    /** Counts by decision, top tools and time bucket ({@code bucket} null = about 100 buckets over the range). */
    public AuditStats stats(AuditQuery query, Duration bucket) {
        Map<String, String> params = new LinkedHashMap<>(query.without("limit", "cursor"));
        if (bucket != null) {
            params.put("bucket", bucket.toSeconds() + "s");
        }
        return transport
                .send("GET", BASE + "/stats", params, null, RequestOptions.NONE, STATS, true)
                .body();
    }

    /** The proof that [from, to) is complete and untampered ({@code ok()}), with per-agent details. */
    public AuditVerification verify(Instant from, Instant to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", from.toString());
        params.put("to", to.toString());
        return transport
                .send("GET", BASE + "/verify", params, null, RequestOptions.NONE, VERIFICATION, true)
                .body();
    }

    /**
     * Streams the export to {@code out} as it arrives (nothing is held in memory); returns the bytes written.
     * The caller closes {@code out}.
     */
    public long export(AuditQuery query, Format format, OutputStream out) {
        Objects.requireNonNull(out, "out");
        try (InputStream in = openExport(query, format)) {
            return in.transferTo(out);
        } catch (IOException e) {
            throw new ApiConnectionException("audit export failed: " + e.getMessage(), e);
        }
    }

    /** Streams a JSON Lines export, one decoded event at a time; returns how many events were read. */
    public long export(AuditQuery query, Consumer<AuditEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        long n = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(openExport(query, Format.JSONL), StandardCharsets.UTF_8), 64 * 1024)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    consumer.accept(HttpTransport.MAPPER.readValue(line, AuditEvent.class));
                    n++;
                }
            }
        } catch (IOException e) {
            throw new ApiConnectionException("audit export failed: " + e.getMessage(), e);
        }
        return n;
    }

    private InputStream openExport(AuditQuery query, Format format) {
        Map<String, String> params = new LinkedHashMap<>(query.without("limit", "cursor"));
        params.put("format", Objects.requireNonNull(format, "format").value);
        try {
            return transport.stream(BASE + "/export", params);
        } catch (UncheckedIOException e) {
            throw new ApiConnectionException("audit export failed: " + e.getMessage(), e);
        }
    }
}
