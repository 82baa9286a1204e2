package io.gatehouse.terraform.internal.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every resource and data source of the provider, by Terraform type name. */
public final class Catalog {
    private final Map<String, ManagedResource> resources = new LinkedHashMap<>();
    private final Map<String, DataSource> dataSources = new LinkedHashMap<>();

    public Catalog() {
        for (ManagedResource r : List.of(
                RegistryResources.identityProvider(),
                RegistryResources.server(),
                RegistryResources.scope(),
                RegistryResources.toolBinding(),
                PolicyResources.policy(),
                PolicyResources.redactionRule(),
                PolicyResources.rateLimit(),
                FleetResources.killSwitch(),
                FleetResources.dataPlaneGroup(),
                FleetResources.enrollmentToken())) {
            resources.put(r.typeName(), r);
        }
        for (DataSource d : List.of(DataSources.servers(), DataSources.scopes())) {
            dataSources.put(d.typeName(), d);
        }
    }

    public Map<String, ManagedResource> resources() {
        return resources;
    }

    public Map<String, DataSource> dataSources() {
        return dataSources;
    }
}
