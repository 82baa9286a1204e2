package io.gatehouse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The scenarios of {@link PolicyDecisionBench}, measured in <em>thread CPU time</em> per decision
 * instead of wall-clock time: on a machine shared with other work, a wall-clock p99 mostly measures
 * how long the benchmark thread waited for a core, not the decision. Each decision is timed on its
 * own with {@code ThreadMXBean.getCurrentThreadCpuTime} (the cost of the two clock reads, measured
 * back to back, is subtracted), so the percentiles are those of the code's own cost. Use it to
 * compare engine builds side by side on a loaded machine; use the JMH benchmark on a quiet one.
 *
 * <pre>
 * java -cp … io.gatehouse.bench.PolicyDecisionCpuBench [seconds per scenario, default 3]
 * </pre>
 */
public final class PolicyDecisionCpuBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PolicyDecisionCpuBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        PolicyDecisionBench bench = new PolicyDecisionBench();
        bench.setUp();
        Map<String, Supplier<Object>> scenarios = new LinkedHashMap<>();
        scenarios.put("realisticEarlyMatch", bench::realisticEarlyMatch);
        scenarios.put("realisticLateMatch", bench::realisticLateMatch);
        scenarios.put("realisticNoMatch", bench::realisticNoMatch);
        scenarios.put("realisticShadowThenMatch", bench::realisticShadowThenMatch);
        scenarios.put("realisticMix", bench::realisticMix);
        scenarios.put("worstCaseAllRulesThenDefault", bench::worstCaseAllRulesThenDefault);
        scenarios.put("worstCaseMatchOnTheLastRule", bench::worstCaseMatchOnTheLastRule);
        // warm every scenario up first, so the JIT sees them all before anything is measured
        for (Supplier<Object> scenario : scenarios.values()) {
            run(scenario, (long) (seconds * 1e9), false);
        }
        long overhead = clockOverhead();
        System.out.println("thread CPU time per decision, µs (clock-read cost " + overhead + " ns subtracted)");
        System.out.println("| benchmark | decisions | p50 | p90 | p99 | p99.9 | mean |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Supplier<Object>> scenario : scenarios.entrySet()) {
            long[] samples = run(scenario.getValue(), (long) (seconds * 1e9), true);
            for (int i = 0; i < samples.length; i++) {
                samples[i] = Math.max(0, samples[i] - overhead);
            }
            Arrays.sort(samples);
            double mean = Arrays.stream(samples).average().orElse(0);
            System.out.printf(
                    "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    scenario.getKey(),
                    samples.length,
                    pct(samples, 0.50),
                    pct(samples, 0.90),
                    pct(samples, 0.99),
                    pct(samples, 0.999),
                    mean / 1000);
        }
    }

    private static Object sink;

    private static long[] run(Supplier<Object> scenario, long cpuNanos, boolean record) {
        long[] samples = new long[1 << 16];
        int n = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        long now = start;
        while (now - start < cpuNanos) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            sink = scenario.get();
            now = THREADS.getCurrentThreadCpuTime();
            if (record) {
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, n * 2);
                }
                samples[n++] = now - t0;
            }
        }
        return Arrays.copyOf(samples, n);
    }

    /** The median cost of two back-to-back clock reads. */
    private static long clockOverhead() {
        long[] samples = new long[200_000];
        for (int i = 0; i < samples.length; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            samples[i] = THREADS.getCurrentThreadCpuTime() - t0;
        }
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
