package io.gatehouse.terraform.internal.resources;

import static io.gatehouse.terraform.internal.cty.CtyType.STRING;
import static io.gatehouse.terraform.internal.cty.CtyType.listOf;
import static io.gatehouse.terraform.internal.cty.CtyType.objectOf;
import static io.gatehouse.terraform.internal.schema.Attribute.computed;
import static io.gatehouse.terraform.internal.schema.Attribute.optional;

import io.gatehouse.protocol.api.Scope;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;
import io.gatehouse.terraform.internal.cty.CtyType;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code gatehouse_servers} and {@code gatehouse_scopes}: every item of the tenant, optionally filtered. */
final class DataSources {
    private DataSources() {}

    private static final CtyType SERVER = objectOf(orderedTypes(
            "id",
            STRING,
            "name",
            STRING,
            "slug",
            STRING,
            "upstream_url",
            STRING,
            "transport",
            STRING,
            "status",
            STRING));
    private static final CtyType SCOPE =
            objectOf(orderedTypes("id", STRING, "name", STRING, "description", STRING, "implies", listOf(STRING)));

    private static Map<String, CtyType> orderedTypes(Object... pairs) {
        Map<String, CtyType> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (CtyType) pairs[i + 1]);
        }
        return out;
    }

    static DataSource servers() {
        Block schema = new Block(
                List.of(
                        optional("status", STRING, "Only servers with this status (pending, approved, blocked)."),
                        optional("q", STRING, "Only servers whose name contains this text."),
                        computed("servers", listOf(SERVER), "The matching servers, sorted by name.")),
                "The tenant's registered MCP servers.");
        return new DataSource() {
            @Override
            public String typeName() {
                return "gatehouse_servers";
            }

            @Override
            public Block schema() {
                return schema;
            }

            @Override
            public Map<String, Object> read(Gatehouse api, Obj config) {
                ListParams params = ListParams.create().limit(200).sort("name");
                if (config.str("status") != null) {
                    params = params.filter("status", config.str("status"));
                }
                if (config.str("q") != null) {
                    params = params.filter("q", config.str("q"));
                }
                List<Object> items = new ArrayList<>();
                for (Server s : api.servers().listAll(params)) {
                    items.add(new State()
                            .put("id", s.id())
                            .put("name", s.name())
                            .put("slug", s.slug())
                            .put("upstream_url", s.upstreamUrl())
                            .put("transport", s.transport())
                            .put("status", s.status())
                            .build());
                }
                return new State()
                        .put("status", config.str("status"))
                        .put("q", config.str("q"))
                        .put("servers", items)
                        .build();
            }
        };
    }

    static DataSource scopes() {
        Block schema = new Block(
                List.of(
                        optional("q", STRING, "Only scopes whose name contains this text."),
                        computed("scopes", listOf(SCOPE), "The matching scopes, sorted by name.")),
                "The tenant's scope catalog.");
        return new DataSource() {
            @Override
            public String typeName() {
                return "gatehouse_scopes";
            }

            @Override
            public Block schema() {
                return schema;
            }

            @Override
            public Map<String, Object> read(Gatehouse api, Obj config) {
                ListParams params = ListParams.create().limit(200).sort("name");
                if (config.str("q") != null) {
                    params = params.filter("q", config.str("q"));
                }
                List<Object> items = new ArrayList<>();
                for (Scope s : api.scopes().listAll(params)) {
                    items.add(new State()
                            .put("id", s.id())
                            .put("name", s.name())
                            .put("description", s.description())
                            .put("implies", s.implies())
                            .build());
                }
                return new State()
                        .put("q", config.str("q"))
                        .put("scopes", items)
                        .build();
            }
        };
    }
}
