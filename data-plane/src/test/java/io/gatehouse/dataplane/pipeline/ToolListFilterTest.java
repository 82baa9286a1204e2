package io.gatehouse.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.dataplane.bundle.BundleCompiler;
import io.gatehouse.dataplane.config.ConfigLoader;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolListFilterTest {

    @Test
    void onlyToolsTheCallerMayCallRemain() throws Exception {
        DataPlaneConfig config = ConfigLoader.parse("bundleFile: b\n", n -> null, Path.of("/tmp"));
        ActiveBundle bundle = new BundleCompiler(config, issuers -> (t, a) -> null, (id, auth) -> (c, t) -> Map.of())
                .compile(HandlerStepsTest.bundle());
        McpExchange exchange = new McpExchange("r", 0, "POST");
        exchange.routeTo(bundle, bundle.route("files"));
        exchange.authenticated(
                LocalChain.verify("good-alice-files:read", ""), "t", Set.of("files:read", "mcp:connect"));
        ObjectNode message = (ObjectNode)
                new ObjectMapper()
                        .readTree(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":["
                                        + "{\"name\":\"echo\"},{\"name\":\"delete_file\"},{\"name\":\"unbound\"},{\"name\":\"nuke_it\"},{\"title\":\"nameless\"}]}}");

        assertThat(new ToolListFilter().apply(exchange, message, false)).isFalse();
        assertThat(message.at("/result/tools").size()).isEqualTo(5);

        assertThat(new ToolListFilter().apply(exchange, message, true)).isTrue();
        assertThat(message.at("/result/tools").findValuesAsText("name")).isEqualTo(List.of("echo"));

        exchange.authenticated(
                LocalChain.verify("good-bob-files:write", ""), "t", Set.of("files:write", "files:read", "mcp:connect"));
        ObjectNode again = (ObjectNode)
                new ObjectMapper()
                        .readTree(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"echo\"},{\"name\":\"delete_file\"},{\"name\":\"nuke_it\"}]}}");
        new ToolListFilter().apply(exchange, again, true);
        assertThat(again.at("/result/tools").findValuesAsText("name")).isEqualTo(List.of("echo", "delete_file"));
    }
}
