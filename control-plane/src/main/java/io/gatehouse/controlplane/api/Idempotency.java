package io.gatehouse.controlplane.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.auth.Tokens;
import io.gatehouse.controlplane.persistence.Times;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * {@code Idempotency-Key} on POST: the first response to a key is stored (in the same transaction as
 * the change) and replayed for 24 hours to the same caller; reusing a key with a different request
 * is a 422. Keys are per caller (user and token) within the tenant.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Duration RETENTION = Duration.ofHours(24);
    private final ObjectMapper mapper;

    public Idempotency(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response run(
            Session session, Caller caller, String key, String operation, Object request, Supplier<Response> work) {
        if (key == null) {
            return work.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest(
                    "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be 1..255 printable ASCII characters");
        }
        String requestHash = hash(operation, request);
        Instant cutoff = Times.now().minus(RETENTION);
        List<Object[]> stored = session.createNativeQuery(
                        "select request_hash, status, location, etag, body from idempotency_keys"
                                + " where actor = :actor and idem_key = :key and created_at > :cutoff",
                        Object[].class)
                .setParameter("actor", caller.actorKey())
                .setParameter("key", key)
                .setParameter("cutoff", cutoff)
                .getResultList();
        if (!stored.isEmpty()) {
            Object[] row = stored.get(0);
            if (!requestHash.equals(row[0])) {
                throw new ApiException(
                        422, "IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used for a different request");
            }
            Response.ResponseBuilder replay = Response.status((Integer) row[1])
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(row[4])
                    .header("Idempotent-Replayed", "true");
            if (row[2] != null) {
                replay.header(HttpHeaders.LOCATION, row[2]);
            }
            if (row[3] != null) {
                replay.header(HttpHeaders.ETAG, row[3]);
            }
            return replay.build();
        }
        // Only an expired key may be cleared. A twin blocked on this statement re-checks the row once
        // the winner commits (READ COMMITTED); without the age condition it would delete the winner's
        // fresh key and run the work a second time.
        session.createNativeMutationQuery("delete from idempotency_keys"
                        + " where actor = :actor and idem_key = :key and created_at <= :cutoff")
                .setParameter("actor", caller.actorKey())
                .setParameter("key", key)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
        // Claim the key before doing the work: a twin request with the same key now waits on this
        // row and, once we commit, fails on the primary key (409 IDEMPOTENCY_IN_PROGRESS; the SDK
        // retries and gets the stored response) instead of racing us through the work itself.
        session.createNativeMutationQuery("insert into idempotency_keys"
                        + " (tenant_id, actor, idem_key, request_hash, status, body, created_at)"
                        + " values (:tenant, :actor, :key, :hash, 0, '', :at)")
                .setParameter("tenant", caller.tenantId())
                .setParameter("actor", caller.actorKey())
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("at", Times.now())
                .executeUpdate();
        Response response = work.get();
        session.createNativeMutationQuery("update idempotency_keys"
                        + " set status = :status, location = :location, etag = :etag, body = :body"
                        + " where actor = :actor and idem_key = :key")
                .setParameter("actor", caller.actorKey())
                .setParameter("key", key)
                .setParameter("status", response.getStatus())
                .setParameter("location", response.getHeaderString(HttpHeaders.LOCATION))
                .setParameter("etag", response.getHeaderString(HttpHeaders.ETAG))
                .setParameter("body", json(response.getEntity()))
                .executeUpdate();
        return response;
    }

    private String hash(String operation, Object request) {
        return HexFormat.of().formatHex(Tokens.hash(operation + "\n" + json(request)));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
