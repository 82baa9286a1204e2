package io.gatehouse.controlplane.api;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.persistence.Db;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Versioned;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * The HTTP conventions every resource shares, so each JAX-RS method stays one line: a tenant
 * transaction, idempotent creates with {@code Location}, {@code ETag} on reads and writes,
 * {@code If-Match} on updates and deletes, and list parameters.
 */
public final class Endpoints {
    private final Db db;
    private final Idempotency idempotency;

    public Endpoints(Db db, Idempotency idempotency) {
        this.db = db;
        this.idempotency = idempotency;
    }

    public static Caller caller(SecurityContext security) {
        if (security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw ApiException.unauthorized("UNAUTHENTICATED", "send Authorization: Bearer <token>");
    }

    public <R> Response create(
            SecurityContext security,
            UriInfo uri,
            String idempotencyKey,
            Object request,
            BiFunction<Session, Caller, R> work) {
        Caller caller = caller(security);
        requireBody(request);
        return db.inTenant(
                caller.tenantId(),
                session -> idempotency.run(session, caller, idempotencyKey, "POST " + uri.getPath(), request, () -> {
                    R created = work.apply(session, caller);
                    Response.ResponseBuilder response = Response.status(201).entity(created);
                    if (created instanceof Versioned v) {
                        response.location(URI.create("/" + uri.getPath() + "/" + v.id()))
                                .tag(etag(v));
                    } else if (idOf(created) != null) {
                        response.location(URI.create("/" + uri.getPath() + "/" + idOf(created)));
                    }
                    return response.build();
                }));
    }

    public <R> Response read(SecurityContext security, BiFunction<Session, Caller, R> work) {
        Caller caller = caller(security);
        R result = db.inTenant(caller.tenantId(), session -> work.apply(session, caller));
        Response.ResponseBuilder response = Response.ok(result);
        if (result instanceof Versioned v) {
            response.tag(etag(v));
        }
        return response.build();
    }

    public <R> Page<R> list(SecurityContext security, Function<Session, Page<R>> work) {
        Caller caller = caller(security);
        return db.inTenant(caller.tenantId(), work);
    }

    public <R> Response update(SecurityContext security, String ifMatch, Object request, UpdateWork<R> work) {
        Caller caller = caller(security);
        requireBody(request);
        Long expected = ifMatch(ifMatch);
        return read(security, (session, c) -> work.apply(session, c, expected));
    }

    public Response delete(SecurityContext security, String ifMatch, BiConsumer<Session, DeleteContext> work) {
        Caller caller = caller(security);
        Long expected = ifMatch(ifMatch);
        db.inTenant(caller.tenantId(), session -> {
            work.accept(session, new DeleteContext(caller, expected));
            return null;
        });
        return Response.noContent().build();
    }

    /** Ids in paths: anything that is not a UUID cannot exist, so it is a 404 like any unknown id. */
    public static UUID id(String raw, String resourceType) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(resourceType);
        }
    }

    public static ListParams params(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        Map<String, String> filters = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!name.equals("limit") && !name.equals("cursor") && !name.equals("sort")) {
                filters.put(name, values.isEmpty() ? "" : values.get(0));
            }
        });
        return new ListParams(query.getFirst("limit"), query.getFirst("cursor"), query.getFirst("sort"), filters);
    }

    static EntityTag etag(Versioned v) {
        return new EntityTag(Long.toString(v.version()));
    }

    /** Parses {@code If-Match}: absent or {@code *} means unconditional, else one strong or weak tag. */
    static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("INVALID_IF_MATCH", "If-Match must be an ETag returned by this API");
        }
    }

    private static void requireBody(Object request) {
        if (request == null) {
            throw ApiException.badRequest("MISSING_BODY", "a JSON request body is required");
        }
    }

    private static String idOf(Object created) {
        try {
            return (String) created.getClass().getMethod("id").invoke(created);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    /** An update given the session, the caller and the expected version (null: unconditional). */
    @FunctionalInterface
    public interface UpdateWork<R> {
        R apply(Session session, Caller caller, Long expectedVersion);
    }

    /** What a delete needs besides the session. */
    public record DeleteContext(Caller caller, Long expectedVersion) {}
}
