package io.gatehouse.bench.redaction;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RedactionBenchmark} (JMH; extra arguments are JMH's own, e.g. {@code -prof jfr}) and prints
 * MB/s per core for each benchmark method. {@code cpu [seconds]} instead measures thread CPU time (not wall
 * time) per operation: on a machine shared with other work, wall-clock throughput mostly measures the
 * neighbours, while CPU time per operation still measures the code.
 */
public final class RedactionBench {

    private RedactionBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpu(args.length > 1 ? Integer.parseInt(args[1]) : 10);
            return;
        }
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .parent(cli)
                        .include(RedactionBenchmark.class.getName())
                        .build())
                .run();
        for (RunResult r : results) {
            int blocks = Integer.parseInt(r.getParams().getParam("blocks"));
            double bytes = RedactionBenchmark.bytesOf(blocks);
            double ops = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            System.out.printf(
                    "redaction %-6s blocks=%d bytes=%d: %.0f ops/s ± %.0f -> %.1f MB/s per core (± %.1f)%n",
                    r.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    blocks,
                    (int) bytes,
                    ops,
                    error,
                    ops * bytes / 1e6,
                    error * bytes / 1e6);
        }
    }

    /** Thread-CPU-time throughput of the benchmark methods (interleaved, {@code -Drounds=N} times): 5 s warm-up each, then {@code seconds} measured. */
    static void cpu(int seconds) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        RedactionBenchmark b = new RedactionBenchmark();
        b.blocks = 100;
        b.setup();
        int bytes = b.bytes.length;
        int rounds = Integer.getInteger("rounds", 1);
        for (int round = 0; round < rounds; round++) {
            for (String method : new String[] {"tree", "bytes", "streamed"}) {
                measure(threads, b, method, seconds, bytes);
            }
        }
    }

    private static void measure(
            java.lang.management.ThreadMXBean threads, RedactionBenchmark b, String method, int seconds, int bytes) {
        Runnable op = switch (method) {
            case "tree" -> b::tree;
            case "bytes" ->
                () -> {
                    try {
                        b.bytes();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
            default ->
                () -> {
                    try {
                        b.streamed();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
        };
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        long ops = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 50; i++) {
                op.run();
            }
            ops += 50;
        }
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                "redaction %-6s blocks=100 bytes=%d: %d ops in %.2f CPU s -> %.1f µs CPU/op, %.1f MB/s per core%n",
                method, bytes, ops, cpuSeconds, cpuSeconds * 1e6 / ops, ops * (double) bytes / cpuSeconds / 1e6);
    }
}
