package io.gatehouse.controlplane.domain.registry;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Json;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.controlplane.persistence.ListParams;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.Session;

/** The MCP server registry. Upstream credentials are secret references, never secrets. */
public final class ServerService extends CrudService<ServerEntity, ServerRequest, Server> {
    static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** env:NAME, file:/path, vault:path#key, k8s:namespace/name#key. */
    public static final Pattern SECRET_REF = Pattern.compile(
            "(env:[A-Za-z_][A-Za-z0-9_]{0,127}|file:/[A-Za-z0-9._/-]{1,255}"
                    + "|vault:[A-Za-z0-9._/-]{1,200}#[A-Za-z0-9._-]{1,100}|k8s:[a-z0-9.-]{1,63}/[a-z0-9.-]{1,253}#[A-Za-z0-9._-]{1,100})");

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9]([a-z0-9._/-]{0,61}[a-z0-9])?");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public ServerService(ActivityLog activity) {
        super(ServerEntity.class, "server", activity);
    }

    @Override
    protected void validate(Session session, ServerRequest r, ServerEntity existing, Validation v) {
        v.text("name", r.name(), 100);
        if (r.slug() != null) {
            v.matches("slug", r.slug(), SLUG, "lower-case letters, digits and inner dashes, at most 63");
        } else if (r.name() != null && slugOf(r.name()).isEmpty()) {
            v.error("slug", "is required when the name has no letters or digits");
        }
        v.url("upstreamUrl", r.upstreamUrl(), true, false);
        v.each(
                "allowedOrigins",
                r.allowedOrigins(),
                50,
                (path, origin) -> v.matches(path, origin, ORIGIN, "an origin like https://app.example.com"));
        if (r.labels() != null) {
            if (r.labels().size() > 50) {
                v.error("labels", "has " + r.labels().size() + " entries (expected: at most 50)");
            }
            r.labels().forEach((key, value) -> {
                v.matches("labels." + key, key, LABEL_KEY, "a lower-case key of at most 63 characters");
                if (value == null) {
                    v.error("labels." + key, "must not be null");
                } else {
                    v.optionalText("labels." + key, value, 256);
                }
            });
        }
        UpstreamAuth auth = r.upstreamAuth();
        if (auth != null) {
            v.required("upstreamAuth.type", auth.type());
            boolean needsSecret = auth.type() != null && auth.type() != UpstreamAuthType.NONE;
            if (needsSecret && v.required("upstreamAuth.secretRef", auth.secretRef())) {
                v.matches(
                        "upstreamAuth.secretRef",
                        auth.secretRef(),
                        SECRET_REF,
                        "a secret reference such as env:NAME, file:/path, vault:path#key or k8s:ns/name#key;"
                                + " never the secret itself");
            }
            if (!needsSecret && auth.secretRef() != null) {
                v.error("upstreamAuth.secretRef", "must be absent when type is none");
            }
            if (auth.header() != null) {
                v.matches("upstreamAuth.header", auth.header(), HEADER, "an HTTP header name");
            }
            if (auth.type() == UpstreamAuthType.OAUTH2_CLIENT_CREDENTIALS
                    || auth.type() == UpstreamAuthType.TOKEN_EXCHANGE) {
                v.url("upstreamAuth.tokenUrl", auth.tokenUrl(), true, true);
                v.text("upstreamAuth.clientId", auth.clientId(), 200);
            }
            v.each("upstreamAuth.scopes", auth.scopes(), 50, (path, scope) -> v.text(path, scope, 200));
        }
    }

    @Override
    protected ServerEntity newEntity(Caller caller, ServerRequest request) {
        return new ServerEntity(caller.tenantId());
    }

    @Override
    protected void apply(ServerEntity e, ServerRequest r) {
        e.setName(r.name().trim());
        e.setSlug(r.slug() != null ? r.slug() : slugOf(r.name()));
        e.setUpstreamUrl(r.upstreamUrl());
        e.setTransport(r.transport() == null ? Transport.STREAMABLE_HTTP : r.transport());
        UpstreamAuth auth = r.upstreamAuth() == null
                ? new UpstreamAuth(UpstreamAuthType.NONE, null, null, null, null, List.of())
                : r.upstreamAuth();
        if (auth.scopes() == null) {
            auth = new UpstreamAuth(
                    auth.type(), auth.secretRef(), auth.header(), auth.tokenUrl(), auth.clientId(), List.of());
        }
        e.setUpstreamAuth(Json.write(auth));
        e.setAllowedOrigins(Json.write(r.allowedOrigins() == null ? List.of() : r.allowedOrigins()));
        e.setStatus(r.status() == null ? (e.getStatus() == null ? ServerStatus.PENDING : e.getStatus()) : r.status());
        e.setLabels(Json.write(r.labels() == null ? Map.of() : r.labels()));
    }

    @Override
    public Server represent(ServerEntity e) {
        return ApiMapper.server(e);
    }

    @Override
    protected Map<String, Keyset.SortField> sorts() {
        Map<String, Keyset.SortField> sorts = super.sorts();
        sorts.put("name", new Keyset.SortField("name", String.class));
        sorts.put("slug", new Keyset.SortField("slug", String.class));
        return sorts;
    }

    @Override
    protected Object sortValue(ServerEntity e, String attribute) {
        return switch (attribute) {
            case "name" -> e.getName();
            case "slug" -> e.getSlug();
            default -> super.sortValue(e, attribute);
        };
    }

    @Override
    public List<String> filterNames() {
        return List.of("status", "transport", "label", "q");
    }

    @Override
    protected void filter(Keyset<ServerEntity> keyset, ListParams params, Validation v) {
        String status = params.filter("status");
        if (status != null) {
            ServerStatus parsed = ApiMapper.parseEnum(ServerStatus.class, status, "status", v);
            if (parsed != null) {
                keyset.where("e.status = :status", Map.of("status", parsed));
            }
        }
        String transport = params.filter("transport");
        if (transport != null) {
            Transport parsed = ApiMapper.parseEnum(Transport.class, transport, "transport", v);
            if (parsed != null) {
                keyset.where("e.transport = :transport", Map.of("transport", parsed));
            }
        }
        String label = params.filter("label");
        if (label != null) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                v.error("label", "'" + Validation.clip(label) + "' is invalid (expected: key=value)");
            } else {
                keyset.where(
                        "function('jsonb_extract_path_text', e.labels, :labelKey) = :labelValue",
                        Map.of("labelKey", label.substring(0, eq), "labelValue", label.substring(eq + 1)));
            }
        }
        String q = params.filter("q");
        if (q != null) {
            keyset.where("(lower(e.name) like :q escape '\\' or e.slug like :q escape '\\')", Map.of("q", contains(q)));
        }
    }

    static String slugOf(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 63 ? slug.substring(0, 63).replaceAll("-+$", "") : slug;
    }
}
