package io.gatehouse.controlplane;

import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ToolBinding;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Benchmark of bench/RESULTS.md (control-plane section): one tenant with 1,000 servers and 10,000
 * tool bindings on the embedded PostgreSQL, everything measured through the SDK from one client
 * thread. Not a test; run with {@code ./control-plane/bench.sh}.
 */
public final class ControlPlaneBench {
    private static final int SERVERS = 1_000;
    private static final int BINDINGS_PER_SERVER = 10;

    private ControlPlaneBench() {}

    public static void main(String[] args) {
        ControlPlaneFixture cp = ControlPlaneFixture.get();
        Gatehouse client = cp.newTenant("bench").owner();
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Scope scope = client.scopes().create(new ScopeRequest("tools" + i + ":call", null, null));
            scopes.add(scope.name());
        }
        // warm-up on a throwaway tenant, so JIT and pools are hot before measuring
        Gatehouse warm = cp.newTenant("warmup").owner();
        for (int i = 0; i < 300; i++) {
            Server s = warm.servers().create(Fixtures.server("warm " + i));
            warm.servers().list(ListParams.create().limit(50));
            warm.servers().get(s.id());
        }

        long[] serverCreates = new long[SERVERS];
        List<String> serverIds = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            long t0 = System.nanoTime();
            Server s = client.servers().create(Fixtures.server(String.format(Locale.ROOT, "server %04d", i)));
            serverCreates[i] = System.nanoTime() - t0;
            serverIds.add(s.id());
        }
        long[] bindingCreates = new long[SERVERS * BINDINGS_PER_SERVER];
        int n = 0;
        for (String serverId : serverIds) {
            for (int j = 0; j < BINDINGS_PER_SERVER; j++) {
                long t0 = System.nanoTime();
                client.toolBindings()
                        .create(Fixtures.binding(serverId, "tool_" + j + "_*", scopes.get(j % scopes.size())));
                bindingCreates[n++] = System.nanoTime() - t0;
            }
        }
        report("create server (1,000)", serverCreates);
        report("create tool binding (10,000)", bindingCreates);

        for (int limit : new int[] {50, 200}) {
            report(
                    "list servers, page of " + limit + " (10 full walks)",
                    walk(10, p -> client.servers().list(p), ListParams.create().limit(limit)));
            report(
                    "list servers sorted by name, page of " + limit + " (10 full walks)",
                    walk(
                            10,
                            p -> client.servers().list(p),
                            ListParams.create().limit(limit).sort("name")));
        }
        for (int limit : new int[] {50, 200}) {
            report(
                    "list tool bindings, page of " + limit + " (3 full walks)",
                    walk(
                            3,
                            p -> client.toolBindings().list(p),
                            ListParams.create().limit(limit)));
        }
        List<Long> filtered = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String serverId = serverIds.get(i * 2);
            long t0 = System.nanoTime();
            Page<ToolBinding> page =
                    client.toolBindings().list(ListParams.create().filter("serverId", serverId));
            filtered.add(System.nanoTime() - t0);
            if (page.items().size() != BINDINGS_PER_SERVER) {
                throw new IllegalStateException("expected " + BINDINGS_PER_SERVER + " bindings, got "
                        + page.items().size());
            }
        }
        report(
                "list tool bindings of one server (500 servers)",
                filtered.stream().mapToLong(Long::longValue).toArray());
        long[] gets = new long[1000];
        for (int i = 0; i < gets.length; i++) {
            long t0 = System.nanoTime();
            client.servers().get(serverIds.get(i));
            gets[i] = System.nanoTime() - t0;
        }
        report("get server by id (1,000)", gets);
        System.exit(0);
    }

    private static <T> long[] walk(int times, Function<ListParams, Page<T>> list, ListParams first) {
        List<Long> samples = new ArrayList<>();
        int total = -1;
        for (int i = 0; i < times; i++) {
            int seen = 0;
            ListParams params = first;
            while (true) {
                long t0 = System.nanoTime();
                Page<T> page = list.apply(params);
                samples.add(System.nanoTime() - t0);
                seen += page.items().size();
                if (page.next() == null) {
                    break;
                }
                params = first.cursor(page.next());
            }
            if (total >= 0 && seen != total) {
                throw new IllegalStateException("walks disagree: " + total + " vs " + seen);
            }
            total = seen;
        }
        return samples.stream().mapToLong(Long::longValue).toArray();
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
                name,
                sorted.length,
                ms(sorted, 0.50),
                ms(sorted, 0.95),
                ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
