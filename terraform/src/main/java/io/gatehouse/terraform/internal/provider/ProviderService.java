package io.gatehouse.terraform.internal.provider;

import com.google.protobuf.ByteString;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.terraform.internal.cty.CtyCodec;
import io.gatehouse.terraform.internal.cty.CtyType;
import io.gatehouse.terraform.internal.resources.Catalog;
import io.gatehouse.terraform.internal.resources.DataSource;
import io.gatehouse.terraform.internal.resources.ManagedResource;
import io.gatehouse.terraform.internal.resources.Obj;
import io.gatehouse.terraform.internal.schema.Attribute;
import io.gatehouse.terraform.internal.schema.Block;
import io.gatehouse.terraform.internal.tfplugin6.ProviderGrpc;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ApplyResourceChange;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ConfigureProvider;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.Diagnostic;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.DynamicValue;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.GetProviderSchema;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ImportResourceState;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.PlanResourceChange;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ReadDataSource;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ReadResource;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.Schema;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ServerCapabilities;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.StopProvider;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.UpgradeResourceState;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ValidateDataResourceConfig;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ValidateProviderConfig;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.ValidateResourceConfig;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tfplugin6 {@code Provider} service: decodes Terraform's values, delegates to the resource
 * catalog (which calls the API through the SDK) and encodes the answers. Thread-safe: Terraform
 * runs independent resources in parallel, and the only shared state is the configured client.
 */
public final class ProviderService extends ProviderGrpc.ProviderImplBase {
    private final Catalog catalog;
    private final Map<String, String> env;
    private volatile Gatehouse api;

    public ProviderService(Catalog catalog, Map<String, String> env) {
        this.catalog = catalog;
        this.env = Map.copyOf(env);
    }

    @Override
    public void getProviderSchema(GetProviderSchema.Request request, StreamObserver<GetProviderSchema.Response> out) {
        GetProviderSchema.Response.Builder response = GetProviderSchema.Response.newBuilder()
                .setProvider(schema(ProviderConfig.SCHEMA))
                .setServerCapabilities(ServerCapabilities.newBuilder().setGetProviderSchemaOptional(true));
        catalog.resources().forEach((name, r) -> response.putResourceSchemas(name, schema(r.schema())));
        catalog.dataSources().forEach((name, d) -> response.putDataSourceSchemas(name, schema(d.schema())));
        reply(out, response.build());
    }

    @Override
    public void validateProviderConfig(
            ValidateProviderConfig.Request request, StreamObserver<ValidateProviderConfig.Response> out) {
        reply(out, ValidateProviderConfig.Response.getDefaultInstance());
    }

    @Override
    public void validateResourceConfig(
            ValidateResourceConfig.Request request, StreamObserver<ValidateResourceConfig.Response> out) {
        ManagedResource resource = catalog.resources().get(request.getTypeName());
        if (resource == null) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        Map<String, Object> config =
                decode(request.getConfig(), resource.schema().type());
        List<Diagnostic> diagnostics = new ArrayList<>();
        checkAllowed(resource.schema(), config, new ArrayList<>(), diagnostics);
        reply(
                out,
                ValidateResourceConfig.Response.newBuilder()
                        .addAllDiagnostics(diagnostics)
                        .build());
    }

    @Override
    public void validateDataResourceConfig(
            ValidateDataResourceConfig.Request request, StreamObserver<ValidateDataResourceConfig.Response> out) {
        if (!catalog.dataSources().containsKey(request.getTypeName())) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        reply(out, ValidateDataResourceConfig.Response.getDefaultInstance());
    }

    @Override
    public void upgradeResourceState(
            UpgradeResourceState.Request request, StreamObserver<UpgradeResourceState.Response> out) {
        ManagedResource resource = catalog.resources().get(request.getTypeName());
        if (resource == null) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        CtyType type = resource.schema().type();
        Object state = CtyCodec.decodeJson(request.getRawState().getJson().toByteArray(), type);
        reply(
                out,
                UpgradeResourceState.Response.newBuilder()
                        .setUpgradedState(encode(state, type))
                        .build());
    }

    @Override
    public void configureProvider(ConfigureProvider.Request request, StreamObserver<ConfigureProvider.Response> out) {
        Map<String, Object> config = decode(request.getConfig(), ProviderConfig.SCHEMA.type());
        ConfigureProvider.Response.Builder response = ConfigureProvider.Response.newBuilder();
        switch (ProviderConfig.configure(Obj.of(config == null ? Map.of() : config), env)) {
            case ProviderConfig.Configured c -> api = c.client();
            case ProviderConfig.Invalid i -> response.addAllDiagnostics(i.diagnostics());
        }
        reply(out, response.build());
    }

    @Override
    public void readResource(ReadResource.Request request, StreamObserver<ReadResource.Response> out) {
        ManagedResource resource = catalog.resources().get(request.getTypeName());
        if (resource == null) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        CtyType type = resource.schema().type();
        Map<String, Object> prior = decode(request.getCurrentState(), type);
        ReadResource.Response.Builder response =
                ReadResource.Response.newBuilder().setPrivate(request.getPrivate());
        try {
            Obj priorObj = Obj.of(prior);
            Map<String, Object> fresh = resource.read(client(), priorObj.str("id"), priorObj);
            Object next = fresh == null ? null : Planner.alignEmpty(resource.schema(), fresh, prior);
            response.setNewState(encode(next, type));
        } catch (RuntimeException e) {
            response.setNewState(encode(prior, type))
                    .addAllDiagnostics(Diagnostics.of(e, "read " + resource.typeName(), null, Map.of()));
        }
        reply(out, response.build());
    }

    @Override
    public void planResourceChange(
            PlanResourceChange.Request request, StreamObserver<PlanResourceChange.Response> out) {
        ManagedResource resource = catalog.resources().get(request.getTypeName());
        if (resource == null) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        CtyType type = resource.schema().type();
        Map<String, Object> proposed = decode(request.getProposedNewState(), type);
        PlanResourceChange.Response.Builder response =
                PlanResourceChange.Response.newBuilder().setPlannedPrivate(request.getPriorPrivate());
        if (proposed == null) {
            reply(out, response.setPlannedState(encode(null, type)).build());
            return;
        }
        Planner.Plan plan = Planner.plan(
                resource, decode(request.getPriorState(), type), proposed, decode(request.getConfig(), type));
        response.setPlannedState(encode(plan.planned(), type));
        for (String name : plan.requiresReplace()) {
            response.addRequiresReplace(Diagnostics.path(name));
        }
        reply(out, response.build());
    }

    @Override
    public void applyResourceChange(
            ApplyResourceChange.Request request, StreamObserver<ApplyResourceChange.Response> out) {
        ManagedResource resource = catalog.resources().get(request.getTypeName());
        if (resource == null) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        Block schema = resource.schema();
        CtyType type = schema.type();
        Map<String, Object> prior = decode(request.getPriorState(), type);
        Map<String, Object> planned = decode(request.getPlannedState(), type);
        ApplyResourceChange.Response.Builder response =
                ApplyResourceChange.Response.newBuilder().setPrivate(request.getPlannedPrivate());
        String action = planned == null ? "delete" : prior == null ? "create" : "update";
        try {
            Object next;
            if (planned == null) {
                resource.delete(client(), Obj.of(prior));
                next = null;
            } else if (prior == null) {
                next = Planner.merge(schema, planned, resource.create(client(), Obj.of(planned)));
            } else {
                next = Planner.merge(schema, planned, resource.update(client(), Obj.of(prior), Obj.of(planned)));
            }
            response.setNewState(encode(next, type));
        } catch (RuntimeException e) {
            // nothing changed: a failed create leaves no object, a failed update or delete the old one
            response.setNewState(encode(prior, type))
                    .addAllDiagnostics(
                            Diagnostics.of(e, action + " " + resource.typeName(), schema, resource.fieldAliases()));
        }
        reply(out, response.build());
    }

    @Override
    public void importResourceState(
            ImportResourceState.Request request, StreamObserver<ImportResourceState.Response> out) {
        ManagedResource resource = catalog.resources().get(request.getTypeName());
        if (resource == null) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        CtyType type = resource.schema().type();
        ImportResourceState.Response.Builder response = ImportResourceState.Response.newBuilder();
        try {
            Map<String, Object> fresh = resource.read(client(), request.getId(), Obj.of(Map.of()));
            if (fresh == null) {
                response.addDiagnostics(Diagnostics.error(
                        "Cannot import non-existent remote object",
                        "No " + resource.typeName() + " with id '" + request.getId() + "' in this tenant."));
            } else {
                response.addImportedResources(ImportResourceState.ImportedResource.newBuilder()
                        .setTypeName(resource.typeName())
                        .setState(encode(Planner.alignEmpty(resource.schema(), fresh, null), type)));
            }
        } catch (RuntimeException e) {
            response.addAllDiagnostics(Diagnostics.of(e, "import " + resource.typeName(), null, Map.of()));
        }
        reply(out, response.build());
    }

    @Override
    public void readDataSource(ReadDataSource.Request request, StreamObserver<ReadDataSource.Response> out) {
        DataSource source = catalog.dataSources().get(request.getTypeName());
        if (source == null) {
            out.onError(unknownType(request.getTypeName()));
            return;
        }
        CtyType type = source.schema().type();
        Map<String, Object> config = decode(request.getConfig(), type);
        ReadDataSource.Response.Builder response = ReadDataSource.Response.newBuilder();
        try {
            response.setState(encode(source.read(client(), Obj.of(config)), type));
        } catch (RuntimeException e) {
            response.addAllDiagnostics(Diagnostics.of(e, "read " + source.typeName(), null, Map.of()));
        }
        reply(out, response.build());
    }

    @Override
    public void stopProvider(StopProvider.Request request, StreamObserver<StopProvider.Response> out) {
        reply(out, StopProvider.Response.getDefaultInstance());
    }

    private Gatehouse client() {
        Gatehouse configured = api;
        if (configured == null) {
            throw new IllegalStateException("the provider is not configured (ConfigureProvider was not called)");
        }
        return configured;
    }

    private static void checkAllowed(Block block, Map<String, Object> config, List<Object> path, List<Diagnostic> out) {
        if (config == null) {
            return;
        }
        for (Attribute a : block.attributes()) {
            Object value = config.get(a.name());
            if (!a.allowed().isEmpty()
                    && value instanceof String s
                    && !a.allowed().contains(s)) {
                List<Object> at = new ArrayList<>(path);
                at.add(a.name());
                out.add(Diagnostics.error(
                        "Invalid value for " + a.name(),
                        a.name() + ": '" + s + "' (expected one of: " + String.join(", ", a.allowed()) + ")",
                        Diagnostics.path(at.toArray())));
            }
        }
        for (Block.NestedBlock b : block.blocks()) {
            if (config.get(b.name()) instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    List<Object> at = new ArrayList<>(path);
                    at.add(b.name());
                    at.add(i);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> item = (Map<String, Object>) items.get(i);
                    checkAllowed(b.block(), item, at, out);
                }
            }
        }
    }

    private static Schema schema(Block block) {
        return Schema.newBuilder().setVersion(0).setBlock(block.toProto()).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(DynamicValue value, CtyType type) {
        Object decoded = !value.getMsgpack().isEmpty()
                ? CtyCodec.decodeMsgpack(value.getMsgpack().toByteArray(), type)
                : CtyCodec.decodeJson(value.getJson().toByteArray(), type);
        return decoded == null ? null : new LinkedHashMap<>((Map<String, Object>) decoded);
    }

    private static DynamicValue encode(Object value, CtyType type) {
        return DynamicValue.newBuilder()
                .setMsgpack(ByteString.copyFrom(CtyCodec.encodeMsgpack(value, type)))
                .build();
    }

    private static RuntimeException unknownType(String name) {
        return Status.INVALID_ARGUMENT.withDescription("unknown type " + name).asRuntimeException();
    }

    private static <T> void reply(StreamObserver<T> out, T response) {
        out.onNext(response);
        out.onCompleted();
    }
}
