package io.gatehouse.controlplane.domain.fleet;

import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.controlplane.api.mapping.ApiMapper;
import io.gatehouse.controlplane.auth.Caller;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.persistence.Keyset;
import io.gatehouse.protocol.api.DataPlaneGroup;
import io.gatehouse.protocol.api.DataPlaneGroupRequest;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.Session;

/** Data-plane groups: the unit a bundle is compiled for. */
public final class DataPlaneGroupService
        extends CrudService<DataPlaneGroupEntity, DataPlaneGroupRequest, DataPlaneGroup> {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public DataPlaneGroupService(ActivityLog activity) {
        super(DataPlaneGroupEntity.class, "data-plane-group", activity);
    }

    @Override
    protected void validate(Session session, DataPlaneGroupRequest r, DataPlaneGroupEntity existing, Validation v) {
        if (v.text("name", r.name(), 63)) {
            v.matches("name", r.name(), NAME, "lower-case letters, digits and inner dashes");
        }
        v.optionalText("description", r.description(), 1000);
        if (r.publicBaseUrl() != null) {
            publicBaseUrlProblem(r.publicBaseUrl()).ifPresent(problem -> v.error("publicBaseUrl", problem));
        }
    }

    /**
     * Why a public base URL cannot prefix canonical resource URIs (RFC 8707 as MCP uses it), or empty when it can:
     * absolute https (http only on loopback), lower-case scheme and host, no user info, query or fragment.
     */
    public static java.util.Optional<String> publicBaseUrlProblem(String value) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(value);
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.of("'" + Validation.clip(value) + "' is not a URL");
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !("https".equals(scheme) || "http".equals(scheme))) {
            return java.util.Optional.of("'" + Validation.clip(value) + "' (expected: an absolute https URL)");
        }
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        if (scheme.equals("http") && !loopback) {
            return java.util.Optional.of("must use https unless the host is loopback");
        }
        if (!host.equals(host.toLowerCase(java.util.Locale.ROOT))) {
            return java.util.Optional.of("the host must be lower case");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return java.util.Optional.of("must not have user info, a query or a fragment");
        }
        return java.util.Optional.empty();
    }

    @Override
    protected DataPlaneGroupEntity newEntity(Caller caller, DataPlaneGroupRequest request) {
        return new DataPlaneGroupEntity(caller.tenantId());
    }

    @Override
    protected void apply(DataPlaneGroupEntity e, DataPlaneGroupRequest r) {
        e.setName(r.name());
        e.setDescription(r.description());
        e.setPublicBaseUrl(r.publicBaseUrl() == null ? null : r.publicBaseUrl().replaceAll("/+$", ""));
    }

    @Override
    public DataPlaneGroup represent(DataPlaneGroupEntity e) {
        return ApiMapper.dataPlaneGroup(e);
    }

    @Override
    protected Map<String, Keyset.SortField> sorts() {
        Map<String, Keyset.SortField> sorts = super.sorts();
        sorts.put("name", new Keyset.SortField("name", String.class));
        return sorts;
    }

    @Override
    protected Object sortValue(DataPlaneGroupEntity e, String attribute) {
        return attribute.equals("name") ? e.getName() : super.sortValue(e, attribute);
    }
}
