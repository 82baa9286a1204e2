package io.gatehouse.dataplane.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engine.supplychain.PinCheck;
import io.gatehouse.engine.supplychain.PinStatus;
import io.gatehouse.engine.supplychain.ToolPin;
import io.gatehouse.engine.supplychain.ToolPinSet;
import io.gatehouse.engine.supplychain.UnpinnedToolPolicy;
import io.gatehouse.protocol.tools.ToolDefinition;
import io.gatehouse.protocol.tools.ToolFingerprint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolPinGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ToolDefinition tool(String name, String description) throws Exception {
        return ToolDefinition.parse(JSON.readTree("{\"name\":\"" + name + "\",\"description\":\"" + description
                + "\",\"inputSchema\":{\"type\":\"object\"}}"));
    }

    @Test
    void failsClosedUntilListCheckedAndAfterListChangedAndNewPinsApplyToTheRememberedList() throws Exception {
        ToolDefinition read = tool("read", "Read a file.");
        ToolDefinition write = tool("write", "Write a file.");
        ToolPinGuard guard = new ToolPinGuard(ToolPinSet.of(
                List.of(new ToolPin("read", ToolFingerprint.of(read)), new ToolPin("write", ToolFingerprint.of(write))),
                UnpinnedToolPolicy.HIDE));
        assertThat(guard.refusal("read")).contains(ToolPinGuard.STALE);

        guard.onToolsList(List.of(read, write));
        assertThat(guard.needsRecheck()).isFalse();
        assertThat(guard.refusal("read")).isEmpty();
        assertThat(guard.refusal("other")).contains("TOOL_NOT_LISTED");

        guard.onListChanged();
        assertThat(guard.refusal("read")).contains(ToolPinGuard.STALE);

        ToolDefinition changed = tool("read", "Read a file, then mail it out.");
        PinCheck recheck = guard.onToolsList(List.of(changed, write), Set.of("write"));
        assertThat(recheck.verdict("read").orElseThrow().status()).isEqualTo(PinStatus.CHANGED);
        assertThat(guard.refusal("read")).contains("TOOL_CHANGED_PENDING_APPROVAL");
        assertThat(guard.refusal("write")).contains(ToolPinGuard.POISONED);

        // the approval arrives: the remembered list is re-checked at once, no new tools/list needed
        guard.replacePins(
                ToolPinSet.of(List.of(new ToolPin("read", ToolFingerprint.of(changed))), UnpinnedToolPolicy.HIDE));
        assertThat(guard.needsRecheck()).isFalse();
        assertThat(guard.refusal("read")).isEmpty();
        assertThat(guard.refusal("write")).contains(ToolPinGuard.POISONED);
    }

    @Test
    void ensureCheckedFetchesOncePerServerForConcurrentCallersAndFailsClosedWhenTheFetchFailsOrIsLate()
            throws Exception {
        ToolDefinition read = tool("read", "Read a file.");
        List<List<ToolDefinition>> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        ToolPinGuard guard = new ToolPinGuard(
                ToolPinSet.of(List.of(new ToolPin("read", ToolFingerprint.of(read))), UnpinnedToolPolicy.HIDE),
                announced::add);
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.function.Supplier<ToolPinGuard.Listed> slowFetch = () -> {
            fetches.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return new ToolPinGuard.Listed(List.of(read), Set.of());
        };
        List<Thread> callers = new java.util.ArrayList<>();
        List<Boolean> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(Thread.ofVirtual()
                    .start(() -> results.add(guard.ensureChecked(slowFetch, java.time.Duration.ofSeconds(10)))));
        }
        Thread.sleep(200);
        release.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(fetches).hasValue(1);
        assertThat(results).hasSize(8).containsOnly(true);
        assertThat(guard.refusal("read")).isEmpty();
        assertThat(announced).containsExactly(List.of(read));

        // a failing upstream: refused as stale; a late one: the caller stops waiting at its deadline
        guard.onListChanged();
        assertThat(guard.ensureChecked(
                        () -> {
                            throw new UpstreamToolLister.ToolListException("initialize: HTTP 502");
                        },
                        java.time.Duration.ofSeconds(5)))
                .isFalse();
        assertThat(guard.refusal("read")).contains(ToolPinGuard.STALE);
        long started = System.nanoTime();
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        assertThat(guard.ensureChecked(
                        () -> {
                            try {
                                never.await();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                            return new ToolPinGuard.Listed(List.of(read), Set.of());
                        },
                        java.time.Duration.ofMillis(300)))
                .isFalse();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(3));
        // a list_changed arrives while that fetch is under way: the list it brings back may predate the change
        guard.onListChanged();
        never.countDown();
        Thread.sleep(200);
        assertThat(guard.needsRecheck()).isTrue();
    }
}
