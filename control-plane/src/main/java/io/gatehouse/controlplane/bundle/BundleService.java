package io.gatehouse.controlplane.bundle;

import static io.gatehouse.controlplane.bundle.SigningKeys.instant;
import static io.gatehouse.controlplane.bundle.SigningKeys.instantOrNull;
import static io.gatehouse.controlplane.bundle.SigningKeys.odt;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.domain.fleet.DataPlaneGroupEntity;
import io.gatehouse.controlplane.domain.policy.KillSwitchEntity;
import io.gatehouse.controlplane.domain.policy.PolicyEntity;
import io.gatehouse.controlplane.domain.policy.RateLimitEntity;
import io.gatehouse.controlplane.domain.policy.RedactionRuleEntity;
import io.gatehouse.controlplane.domain.registry.IdentityProviderEntity;
import io.gatehouse.controlplane.domain.registry.ScopeEntity;
import io.gatehouse.controlplane.domain.registry.ServerEntity;
import io.gatehouse.controlplane.domain.registry.ServerPins;
import io.gatehouse.controlplane.domain.registry.ServerToolsService;
import io.gatehouse.controlplane.domain.registry.ToolBindingEntity;
import io.gatehouse.controlplane.messaging.BundleOutbox;
import io.gatehouse.controlplane.messaging.TenantLock;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.bundle.Bundle;
import io.gatehouse.protocol.bundle.BundleCodec;
import io.gatehouse.protocol.bundle.BundleFormatException;
import io.gatehouse.protocol.bundle.BundleMetadata;
import io.gatehouse.protocol.signing.BundleRequest;
import io.gatehouse.protocol.signing.BundleSigner;
import io.gatehouse.protocol.signing.KeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles, signs and stores bundles (the send outbox: a stored bundle waits with {@code published_at} null until
 * the relay has Pulsar's acknowledgement), rolls back, and lists the history. Every method runs in the tenant's
 * transaction and takes the tenant's compile lock, so versions are strictly increasing per group and content never
 * goes backwards even with several control-plane replicas.
 */
public final class BundleService {
    private static final Logger LOG = LoggerFactory.getLogger(BundleService.class);

    /**
     * Largest signed bundle the relay sends: Pulsar's default {@code maxMessageSize} (5 MiB) less 64 KiB for the
     * key, properties and framing. A compacted config topic cannot rely on chunking, so a larger bundle is refused.
     */
    public static final int MAX_ENVELOPE_BYTES = 5 * 1024 * 1024 - 64 * 1024;

    /** The signed bundle would not fit in one Pulsar message; nothing is stored. */
    public static final class BundleTooLargeException extends RuntimeException {
        BundleTooLargeException(String message) {
            super(message, null, false, false);
        }
    }

    private final BundleCompiler compiler;
    private final SigningKeys keys;
    private final BundleSigner signer;
    private final Duration expiry;
    private final String defaultPublicBaseUrl;
    private final Clock clock;

    public BundleService(
            BundleCompiler compiler,
            SigningKeys keys,
            BundleSigner signer,
            Duration expiry,
            String defaultPublicBaseUrl,
            Clock clock) {
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.defaultPublicBaseUrl = Objects.requireNonNull(defaultPublicBaseUrl, "defaultPublicBaseUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SigningKeys keys() {
        return keys;
    }

    /**
     * Compiles the tenant's current state for every group (or one) and stores a new version wherever the content
     * changed, or everywhere when {@code force}.
     *
     * @param kind {@code CHANGE}, {@code PUBLISH} or {@code RESIGN}
     * @param actor the member who asked, or null
     */
    public List<BundleVersion> compile(
            Session session, UUID tenantId, String kind, boolean force, UUID actor, UUID onlyGroup)
            throws CompileException {
        TenantLock.compile(session, tenantId);
        KeyRing ring = keys.ring(session, tenantId);
        BundleSources sources = load(session);
        List<DataPlaneGroupEntity> groups = session.createQuery(
                        "from DataPlaneGroupEntity e order by e.id", DataPlaneGroupEntity.class)
                .getResultList();
        List<BundleVersion> stored = new ArrayList<>();
        for (DataPlaneGroupEntity group : groups) {
            if (onlyGroup != null && !onlyGroup.equals(group.getId())) {
                continue;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            long next = head(session, group.getId()) + 1;
            String base = group.getPublicBaseUrl() == null ? defaultPublicBaseUrl : group.getPublicBaseUrl();
            BundleCompiler.Compiled compiled = compiler.compile(
                    tenantId.toString(), group.getId().toString(), base, sources, next, now, now.plus(expiry));
            compiled.warnings().forEach(w -> LOG.warn("tenant {} group {}: {}", tenantId, group.getName(), w));
            if (!force && compiled.sectionsSha256().equals(latestSections(session, group.getId()))) {
                continue;
            }
            stored.add(store(session, tenantId, group.getId(), compiled, ring, kind, null, actor));
        }
        return stored;
    }

    /** Publishes the content of {@code version} again under a new, higher version. */
    public BundleVersion rollback(Session session, UUID tenantId, UUID groupId, long version, UUID actor) {
        TenantLock.compile(session, tenantId);
        KeyRing ring = keys.ring(session, tenantId);
        List<byte[]> rows = session.createNativeQuery(
                        "select content from bundles where group_id = :g and version = :v", byte[].class)
                .setParameter("g", groupId)
                .setParameter("v", version)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound("bundle version");
        }
        Bundle old;
        try {
            old = BundleCodec.decode(rows.get(0));
        } catch (BundleFormatException e) {
            throw new IllegalStateException("stored bundle " + groupId + " v" + version + " is unreadable", e);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        BundleCompiler.Compiled compiled = compiler.recompose(old, head(session, groupId) + 1, now, now.plus(expiry));
        return store(session, tenantId, groupId, compiled, ring, "ROLLBACK", version, actor);
    }

    /** The latest version of a group that Pulsar acknowledged (0 = none). */
    public static long latestPublished(Session session, UUID groupId) {
        Object v = session.createNativeQuery(
                        "select coalesce(max(version), 0) from bundles where group_id = :g and published_at is not null",
                        Object.class)
                .setParameter("g", groupId)
                .getSingleResult();
        return ((Number) v).longValue();
    }

    /** Bundle history, newest first; filter {@code groupId}; cursor paging. Works without a master key. */
    public static Page<BundleVersion> list(Session session, ListParams params) {
        Validation v = new Validation();
        for (String name : params.filters().keySet()) {
            if (!name.equals("groupId")) {
                v.error(name, "is not a filter of this listing (expected: groupId)");
            }
        }
        if (params.sort() != null && !params.sort().equals("-createdAt")) {
            v.error("sort", "'" + Validation.clip(params.sort()) + "' is invalid (expected: -createdAt)");
        }
        UUID group = null;
        if (params.filter("groupId") != null) {
            try {
                group = UUID.fromString(params.filter("groupId"));
            } catch (IllegalArgumentException e) {
                v.error("groupId", "'" + Validation.clip(params.filter("groupId")) + "' is not an id");
            }
        }
        v.throwIfInvalid();
        int limit = params.limitValue();
        Cursor after = params.cursor() == null ? null : Cursor.decode(params.cursor());
        StringBuilder sql = new StringBuilder("select group_id, version, kind, rollback_of, sha256, key_id, created_at,"
                + " expires_at, created_by, published_at, last_error from bundles where true");
        if (group != null) {
            sql.append(" and group_id = :g");
        }
        if (after != null) {
            sql.append(" and (created_at, group_id, version) < (:c, :cg, :cv)");
        }
        sql.append(" order by created_at desc, group_id desc, version desc limit :limit");
        NativeQuery<Object[]> query = session.createNativeQuery(sql.toString(), Object[].class);
        if (group != null) {
            query.setParameter("g", group);
        }
        if (after != null) {
            query.setParameter("c", odt(after.createdAt()))
                    .setParameter("cg", after.groupId())
                    .setParameter("cv", after.version());
        }
        List<Object[]> rows = query.setParameter("limit", limit + 1).getResultList();
        List<BundleVersion> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            items.add(version(rows.get(i)));
        }
        String next = null;
        if (rows.size() > limit) {
            Object[] last = rows.get(limit - 1);
            next = new Cursor(instant(last[6]), (UUID) last[0], ((Number) last[1]).longValue()).encode();
        }
        return new Page<>(items, next);
    }

    private BundleVersion store(
            Session session,
            UUID tenantId,
            UUID groupId,
            BundleCompiler.Compiled compiled,
            KeyRing ring,
            String kind,
            Long rollbackOf,
            UUID actor) {
        BundleMetadata m = compiled.bundle().metadata();
        String jws = ring.signBundle(
                signer,
                new BundleRequest(
                        compiled.content(),
                        m.tenantId(),
                        m.group(),
                        m.version(),
                        m.schemaVersion(),
                        m.issuedAt(),
                        m.expiresAt()));
        if (jws.length() > MAX_ENVELOPE_BYTES) {
            throw new BundleTooLargeException("the signed bundle of group " + groupId + " is " + jws.length()
                    + " bytes (expected: <= " + MAX_ENVELOPE_BYTES + ", Pulsar's default maxMessageSize less headroom;"
                    + " compacted config topics cannot use chunking); nothing was published");
        }
        session.createNativeMutationQuery("insert into bundle_heads (tenant_id, group_id, last_version)"
                        + " values (:t, :g, :v) on conflict (tenant_id, group_id) do update set last_version = :v")
                .setParameter("t", tenantId)
                .setParameter("g", groupId)
                .setParameter("v", m.version())
                .executeUpdate();
        session.createNativeMutationQuery(
                        "insert into bundles (tenant_id, group_id, version, kind, rollback_of, sha256,"
                                + " sections_sha256, content, jws, key_id, created_at, expires_at, created_by)"
                                + " values (:t, :g, :v, :kind, :rb, :sha, :ssha, :content, :jws, :kid, :created, :expires, :by)")
                .setParameter("t", tenantId)
                .setParameter("g", groupId)
                .setParameter("v", m.version())
                .setParameter("kind", kind)
                .setParameter("rb", rollbackOf, Long.class)
                .setParameter("sha", compiled.sha256())
                .setParameter("ssha", compiled.sectionsSha256())
                .setParameter("content", compiled.content())
                .setParameter("jws", jws)
                .setParameter("kid", ring.activeKeyId())
                .setParameter("created", odt(m.issuedAt()))
                .setParameter("expires", odt(m.expiresAt()))
                .setParameter("by", actor, UUID.class)
                .executeUpdate();
        BundleOutbox.notifyRelay(session);
        return new BundleVersion(
                groupId.toString(),
                m.version(),
                kind,
                rollbackOf,
                compiled.sha256(),
                ring.activeKeyId(),
                m.issuedAt(),
                m.expiresAt(),
                actor == null ? null : actor.toString(),
                null,
                null);
    }

    private static long head(Session session, UUID groupId) {
        List<Object> rows = session.createNativeQuery(
                        "select last_version from bundle_heads where group_id = :g", Object.class)
                .setParameter("g", groupId)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    private static String latestSections(Session session, UUID groupId) {
        List<String> rows = session.createNativeQuery(
                        "select sections_sha256 from bundles where group_id = :g order by version desc limit 1",
                        String.class)
                .setParameter("g", groupId)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The tenant's bundle-relevant resources (the session is tenant-scoped). */
    public static BundleSources load(Session session) {
        return new BundleSources(
                all(session, ServerEntity.class).stream().map(ApiMapper::server).toList(),
                all(session, IdentityProviderEntity.class).stream()
                        .map(ApiMapper::identityProvider)
                        .toList(),
                all(session, ScopeEntity.class).stream().map(ApiMapper::scope).toList(),
                all(session, ToolBindingEntity.class).stream()
                        .map(ApiMapper::toolBinding)
                        .toList(),
                all(session, PolicyEntity.class).stream().map(ApiMapper::policy).toList(),
                all(session, RedactionRuleEntity.class).stream()
                        .map(ApiMapper::redactionRule)
                        .toList(),
                all(session, RateLimitEntity.class).stream()
                        .map(ApiMapper::rateLimit)
                        .toList(),
                session
                        .createQuery("from KillSwitchEntity e where e.liftedAt is null", KillSwitchEntity.class)
                        .getResultList()
                        .stream()
                        .map(ApiMapper::killSwitch)
                        .toList(),
                pinsById(session));
    }

    private static Map<String, ServerPins> pinsById(Session session) {
        Map<String, ServerPins> pins = new HashMap<>();
        ServerToolsService.pinsOf(session).forEach((id, p) -> pins.put(id.toString(), p));
        return pins;
    }

    private static <E> List<E> all(Session session, Class<E> type) {
        return session.createQuery("from " + type.getSimpleName() + " e", type).getResultList();
    }

    private static BundleVersion version(Object[] r) {
        return new BundleVersion(
                r[0].toString(),
                ((Number) r[1]).longValue(),
                (String) r[2],
                r[3] == null ? null : ((Number) r[3]).longValue(),
                (String) r[4],
                (String) r[5],
                instant(r[6]),
                instant(r[7]),
                r[8] == null ? null : r[8].toString(),
                instantOrNull(r[9]),
                (String) r[10]);
    }

    private record Cursor(Instant createdAt, UUID groupId, long version) {
        String encode() {
            String raw = createdAt.toString() + "|" + groupId + "|" + version;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]), Long.parseLong(parts[2]));
            } catch (RuntimeException e) {
                throw ApiException.validation(
                        List.of(new FieldError("cursor", "is not a cursor returned by this listing")));
            }
        }
    }
}
