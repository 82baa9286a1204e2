package io.gatehouse.dataplane.pipeline;

import io.gatehouse.dataplane.auth.ProtectedResourceMetadata;
import io.gatehouse.dataplane.bundle.ActiveBundle;
import io.gatehouse.dataplane.bundle.BundleStore;
import io.gatehouse.dataplane.bundle.Route;
import io.gatehouse.dataplane.config.DataPlaneConfig.AuthMode;
import io.gatehouse.protocol.bundle.McpServer;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * RFC 9728 Protected Resource Metadata for each route with authentication: at the path-inserted
 * URI ({@code /.well-known/oauth-protected-resource/mcp/{slug}}) and at the root URI (which names
 * the route when it is unambiguous: the only route, or the only one whose resource URI has the
 * request's Host). {@code resource} is the route's canonical URI, {@code authorization_servers}
 * the issuers the route trusts. The document itself is {@link ProtectedResourceMetadata}, the one model of
 * it in the agent.
 */
public final class ProtectedResourceMetadataHandler extends Handler.Abstract {

    private final BundleStore bundles;

    public ProtectedResourceMetadataHandler(BundleStore bundles) {
        this.bundles = bundles;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(Route.PRM_PATH)) {
            return false;
        }
        ActiveBundle bundle = bundles.current();
        if (!"GET".equals(request.getMethod()) || bundle == null) {
            return notFound(response, callback);
        }
        String rest = path.substring(Route.PRM_PATH.length());
        Route route;
        if (rest.isEmpty() || rest.equals("/")) {
            route = rootRoute(bundle, request.getHeaders().get(HttpHeader.HOST));
        } else if (rest.startsWith(RouteHandler.PREFIX)) {
            route = bundle.route(rest.substring(RouteHandler.PREFIX.length()));
        } else {
            route = null;
        }
        if (route == null || route.authMode() == AuthMode.OFF || route.server().status() != McpServer.Status.ACTIVE) {
            return notFound(response, callback);
        }
        if (route.trustedIssuers().isEmpty()) {
            return notFound(response, callback);
        }
        ProtectedResourceMetadata document = new ProtectedResourceMetadata(
                ProtectedResourceMetadata.canonicalResource(route.server().resourceUri()),
                route.trustedIssuers(),
                route.scopesSupported(),
                route.server().name(),
                null);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=300");
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        Responses.writeJson(response, callback, document.toJsonString());
        return true;
    }

    private static Route rootRoute(ActiveBundle bundle, String host) {
        List<Route> withAuth = bundle.routes().values().stream()
                .filter(r -> r.authMode() == AuthMode.REQUIRED)
                .toList();
        if (withAuth.size() == 1) {
            return withAuth.get(0);
        }
        if (host == null) {
            return null;
        }
        List<Route> sameHost = withAuth.stream()
                .filter(r -> r.server()
                        .resourceUri()
                        .getRawAuthority()
                        .toLowerCase(Locale.ROOT)
                        .equals(host.toLowerCase(Locale.ROOT)))
                .toList();
        return sameHost.size() == 1 ? sameHost.get(0) : null;
    }

    private static boolean notFound(Response response, Callback callback) {
        response.setStatus(404);
        Responses.writeJson(response, callback, "{\"error\":\"not_found\"}");
        return true;
    }
}
