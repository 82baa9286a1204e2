package io.gatehouse.terraform.internal.resources;

import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.Map;

/** A read-only Terraform data source over one API collection. */
public interface DataSource {
    String typeName();

    Block schema();

    /** The config with its computed attributes filled in. */
    Map<String, Object> read(Gatehouse api, Obj config);
}
