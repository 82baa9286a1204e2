package io.gatehouse.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.protocol.api.ActivityEntry;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.ScopeRequest;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.sdk.InvalidRequestException;
import io.gatehouse.sdk.ListParams;
import io.gatehouse.sdk.PreconditionFailedException;
import io.gatehouse.sdk.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** ETag/If-Match, cursor paging, idempotency keys and the activity log, through the SDK. */
class ConcurrencyAndPagingIT {
    private final ControlPlaneFixture cp = ControlPlaneFixture.get();

    @Test
    void staleEtagGets412AndConcurrentWritersCannotBothWin() throws Exception {
        ControlPlaneFixture.Tenant t = cp.newTenant("etag");
        Server v0 = t.owner().servers().create(Fixtures.server("Etag"));
        Server v1 = t.owner().servers().update(v0, rename(v0, "Etag 1"));
        assertThat(v1.version()).isEqualTo(v0.version() + 1);
        assertThatThrownBy(() -> t.owner().servers().update(v0, rename(v0, "lost update")))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.code()).isEqualTo("PRECONDITION_FAILED");
                });
        assertThatThrownBy(() -> t.owner().servers().delete(v0)).isInstanceOf(PreconditionFailedException.class);
        assertThat(t.owner().servers().get(v0.id()).name()).isEqualTo("Etag 1");

        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "writer " + i;
                Callable<Boolean> write = () -> {
                    start.await();
                    try {
                        t.owner().servers().update(v1, rename(v1, name));
                        return true;
                    } catch (PreconditionFailedException e) {
                        return false;
                    }
                };
                results.add(pool.submit(write));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.owner().servers().get(v0.id()).version()).isEqualTo(v1.version() + 1);
    }

    @Test
    void cursorPagingWalksEverythingOnceInOrder() {
        ControlPlaneFixture.Tenant t = cp.newTenant("paging");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(t.owner()
                    .scopes()
                    .create(new ScopeRequest("s" + (char) ('g' - i) + ":read", null, null))
                    .name());
        }
        Page<Scope> first = t.owner().scopes().list(ListParams.create().limit(3));
        assertThat(first.items()).hasSize(3);
        assertThat(first.next()).isNotNull();
        Page<Scope> second =
                t.owner().scopes().list(ListParams.create().limit(3).cursor(first.next()));
        Page<Scope> third = t.owner().scopes().list(ListParams.create().limit(3).cursor(second.next()));
        assertThat(third.items()).hasSize(1);
        assertThat(third.next()).isNull();
        List<String> walked = new ArrayList<>();
        for (Page<Scope> p : List.of(first, second, third)) {
            p.items().forEach(s -> walked.add(s.name()));
        }
        assertThat(walked).isEqualTo(created);

        List<String> byName = StreamSupport.stream(
                        t.owner()
                                .scopes()
                                .listAll(ListParams.create().limit(2).sort("name"))
                                .spliterator(),
                        false)
                .map(Scope::name)
                .toList();
        assertThat(byName).isSorted().hasSize(7);
        List<String> byNameDesc = StreamSupport.stream(
                        t.owner()
                                .scopes()
                                .listAll(ListParams.create().limit(2).sort("-name"))
                                .spliterator(),
                        false)
                .map(Scope::name)
                .toList();
        assertThat(byNameDesc).isEqualTo(byName.reversed());

        assertThatThrownBy(() -> t.owner()
                        .scopes()
                        .list(ListParams.create().sort("-name").cursor(first.next())))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldErrors().get(0).field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> t.owner().scopes().list(ListParams.create().cursor("bm90IGEgY3Vyc29y")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void idempotencyKeysReplayTheFirstResponse() throws Exception {
        ControlPlaneFixture.Tenant t = cp.newTenant("idem");
        RequestOptions key = RequestOptions.idempotencyKey("create-files-1");
        Server first = t.owner().servers().create(Fixtures.server("Idem"), key);
        Server replay = t.owner().servers().create(Fixtures.server("Idem"), key);
        assertThat(replay).isEqualTo(first);
        assertThat(t.owner().servers().list().items()).hasSize(1);
        assertThatThrownBy(() -> t.owner().servers().create(Fixtures.server("Other"), key))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
                });
        // twins racing with one key: one creates, the other retries and gets the same answer
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            RequestOptions raceKey = RequestOptions.idempotencyKey("race-1");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Server>> twins = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                twins.add(pool.submit(() -> {
                    start.await();
                    return t.owner().servers().create(Fixtures.server("Race"), raceKey.withMaxRetries(5));
                }));
            }
            start.countDown();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Future<Server> twin : twins) {
                ids.add(twin.get().id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.owner().servers().list().items()).hasSize(2);
        // another tenant may use the same key independently
        ControlPlaneFixture.Tenant other = cp.newTenant("idem2");
        assertThat(other.owner().servers().create(Fixtures.server("Idem"), key).id())
                .isNotEqualTo(first.id());
    }

    @Test
    void activityLogRecordsWhoChangedWhatWithBeforeAndAfter() {
        ControlPlaneFixture.Tenant t = cp.newTenant("activity");
        Server created = t.owner().servers().create(Fixtures.server("Audited"));
        Server approved = t.owner().servers().update(created, withStatus(created, ServerStatus.APPROVED));
        t.owner().servers().delete(approved);

        List<ActivityEntry> entries = t.owner()
                .activity()
                .list(ListParams.create().filter("resourceId", created.id()))
                .items();
        assertThat(entries).extracting(ActivityEntry::action).containsExactly("delete", "update", "create");
        ActivityEntry update = entries.get(1);
        assertThat(update.actorUserId()).isEqualTo(t.ownerId());
        assertThat(update.resourceType()).isEqualTo("server");
        assertThat(update.before().get("status").asText()).isEqualTo("pending");
        assertThat(update.after().get("status").asText()).isEqualTo("approved");
        assertThat(update.requestId()).isNotBlank();
        assertThat(entries.get(0).after()).isNull();
        assertThat(entries.get(2).before()).isNull();
        assertThat(t.owner()
                        .activity()
                        .list(ListParams.create()
                                .filter("resourceType", "server")
                                .filter("action", "update"))
                        .items())
                .hasSize(1);
        assertThatThrownBy(() -> t.owner().activity().list(ListParams.create().filter("from", "yesterday")))
                .isInstanceOf(InvalidRequestException.class);
    }

    private static ServerRequest rename(Server s, String name) {
        return new ServerRequest(
                name,
                s.slug(),
                s.upstreamUrl(),
                s.transport(),
                s.upstreamAuth(),
                s.allowedOrigins(),
                s.status(),
                s.labels());
    }

    private static ServerRequest withStatus(Server s, ServerStatus status) {
        return new ServerRequest(
                s.name(),
                s.slug(),
                s.upstreamUrl(),
                s.transport(),
                s.upstreamAuth(),
                s.allowedOrigins(),
                status,
                s.labels());
    }
}
