package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.protocol.bundle.McpServer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Step 1: maps {@code /mcp/{slug}} to a route of the bundle in force (captured once, so one request
 * never sees two bundles).
 */
public final class RouteHandler extends Handler.Wrapper {

    public static final String PREFIX = "/mcp/";

    private final BundleStore bundles;

    public RouteHandler(BundleStore bundles, Handler next) {
        super(next);
        this.bundles = bundles;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        McpExchange exchange = McpExchange.of(request);
        ActiveBundle bundle = bundles.current();
        if (bundle == null) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.NOT_READY, "the data plane has no configuration bundle yet"));
        }
        String path = Request.getPathInContext(request);
        String slug = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        Route route = slug.isEmpty() || slug.indexOf('/') >= 0 ? null : bundle.route(slug);
        if (route == null) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.ROUTE_NOT_FOUND, "no MCP server is registered at " + path));
        }
        exchange.routeTo(bundle, route);
        if (route.server().status() != McpServer.Status.ACTIVE) {
            return Responses.refuse(
                    request,
                    response,
                    callback,
                    Refusal.of(ErrorKey.ROUTE_DISABLED, "MCP server '" + slug + "' is disabled"));
        }
        return super.handle(request, response, callback);
    }
}
