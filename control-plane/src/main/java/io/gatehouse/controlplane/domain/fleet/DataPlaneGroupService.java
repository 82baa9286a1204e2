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
    }

    @Override
    protected DataPlaneGroupEntity newEntity(Caller caller, DataPlaneGroupRequest request) {
        return new DataPlaneGroupEntity(caller.tenantId());
    }

    @Override
    protected void apply(DataPlaneGroupEntity e, DataPlaneGroupRequest r) {
        e.setName(r.name());
        e.setDescription(r.description());
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
