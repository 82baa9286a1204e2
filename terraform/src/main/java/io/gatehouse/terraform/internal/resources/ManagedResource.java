package io.gatehouse.terraform.internal.resources;

import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.Map;
import java.util.Set;

/**
 * One Terraform resource type backed by one API collection. Values are decoded objects (see
 * {@link io.gatehouse.terraform.internal.cty.CtyCodec}); every call goes through the SDK.
 */
public interface ManagedResource {
    String typeName();

    Block schema();

    /** False when the API cannot edit the object: every change then replaces it. */
    boolean updatable();

    /** Computed attributes whose value changes with every in-place update (e.g. the version). */
    default Set<String> changedByUpdate() {
        return Set.of("version");
    }

    Map<String, Object> create(Gatehouse api, Obj planned);

    /** The object as the API has it now, or null when it is gone; {@code prior} may hold only an id. */
    Map<String, Object> read(Gatehouse api, String id, Obj prior);

    Map<String, Object> update(Gatehouse api, Obj prior, Obj planned);

    void delete(Gatehouse api, Obj prior);

    /** API field paths (indices removed) that do not map to attributes by snake_casing. */
    default Map<String, String> fieldAliases() {
        return Map.of();
    }
}
