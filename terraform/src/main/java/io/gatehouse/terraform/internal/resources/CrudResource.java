package io.gatehouse.terraform.internal.resources;

import io.gatehouse.protocol.api.Versioned;
import io.gatehouse.sdk.CrudService;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.NotFoundException;
import io.gatehouse.sdk.RequestOptions;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.Map;
import java.util.function.Function;

/**
 * A resource over an updatable collection: PUT with {@code If-Match} set to the version Terraform
 * last read, so a change made behind Terraform's back since the refresh is refused, not overwritten.
 */
final class CrudResource<Q, R extends Versioned> implements ManagedResource {
    private final String typeName;
    private final Block schema;
    private final Function<Gatehouse, CrudService<Q, R>> service;
    private final Function<Obj, Q> request;
    private final Function<R, Map<String, Object>> state;
    private final Map<String, String> aliases;

    CrudResource(
            String typeName,
            Block schema,
            Function<Gatehouse, CrudService<Q, R>> service,
            Function<Obj, Q> request,
            Function<R, Map<String, Object>> state,
            Map<String, String> aliases) {
        this.typeName = typeName;
        this.schema = schema;
        this.service = service;
        this.request = request;
        this.state = state;
        this.aliases = aliases;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public Block schema() {
        return schema;
    }

    @Override
    public boolean updatable() {
        return true;
    }

    @Override
    public Map<String, Object> create(Gatehouse api, Obj planned) {
        return state.apply(service.apply(api).create(request.apply(planned)));
    }

    @Override
    public Map<String, Object> read(Gatehouse api, String id, Obj prior) {
        try {
            return state.apply(service.apply(api).get(id));
        } catch (NotFoundException gone) {
            return null;
        }
    }

    @Override
    public Map<String, Object> update(Gatehouse api, Obj prior, Obj planned) {
        return state.apply(service.apply(api)
                .update(prior.str("id"), request.apply(planned), RequestOptions.ifMatch(prior.lng("version"))));
    }

    @Override
    public void delete(Gatehouse api, Obj prior) {
        try {
            service.apply(api).delete(prior.str("id"), RequestOptions.ifMatch(prior.lng("version")));
        } catch (NotFoundException alreadyGone) {
            // destroying what no longer exists is done
        }
    }

    @Override
    public Map<String, String> fieldAliases() {
        return aliases;
    }
}
