package io.gatehouse.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;

/**
 * An open-model (constant-rate) load generator: request i is due at {@code start + i / rate}
 * whatever happened to earlier ones, and its latency is measured from that due time, so a stalled
 * server is charged for the requests that queue behind the stall (no coordinated omission).
 *
 * <p>{@code OpenModelLoad <url> <rate/s> <seconds> [header: value]...} (body: a tools/call of echo)
 */
public final class OpenModelLoad {

    static final String BODY =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}";

    private OpenModelLoad() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            int colon = args[i].indexOf(':');
            headers.add(new String[] {
                args[i].substring(0, colon).trim(), args[i].substring(colon + 1).trim()
            });
        }
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(256);
        client.start();
        // warm-up: 2 s at the same rate, not recorded
        run(client, url, headers, rate, 2);
        long[] latencies = run(client, url, headers, rate, seconds);
        client.stop();
        Arrays.sort(latencies);
        int n = latencies.length;
        System.out.printf(
                Locale.ROOT,
                "rate=%d/s n=%d p50=%.3fms p90=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms errors=%d%n",
                rate,
                n,
                pct(latencies, 0.50),
                pct(latencies, 0.90),
                pct(latencies, 0.99),
                pct(latencies, 0.999),
                latencies[n - 1] / 1e6,
                errors.get());
    }

    static final AtomicInteger errors = new AtomicInteger();

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static long[] run(HttpClient client, String url, List<String[]> headers, int rate, int seconds)
            throws InterruptedException {
        int total = rate * seconds;
        AtomicLongArray latency = new AtomicLongArray(total);
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 10_000_000;
        long interval = 1_000_000_000L / rate;
        errors.set(0);
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            client.newRequest(url)
                    .method("POST")
                    .timeout(10, TimeUnit.SECONDS)
                    .headers(h -> {
                        h.put("Accept", "application/json, text/event-stream");
                        for (String[] header : headers) {
                            h.put(header[0], header[1]);
                        }
                    })
                    .body(new StringRequestContent("application/json", BODY, StandardCharsets.UTF_8))
                    .send(result -> {
                        latency.set(index, System.nanoTime() - due);
                        if (result.isFailed() || result.getResponse().getStatus() != 200) {
                            errors.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        done.await(30, TimeUnit.SECONDS);
        long[] out = new long[total];
        for (int i = 0; i < total; i++) {
            out[i] = latency.get(i);
        }
        return out;
    }
}
