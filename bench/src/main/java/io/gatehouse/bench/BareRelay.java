package io.gatehouse.bench;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The ceiling of the agent's stack: a Jetty 12 server relaying every POST to the upstream through a Jetty
 * {@link HttpClient} (the two components the agent is built on), with no security at all: no token check, no
 * JSON parsing, no session, no audit. Fully asynchronous (the body is read on demand, the upstream answer is
 * written from the client's callback), so nothing blocks a thread. The benchmark's row "bare Jetty relay" is what
 * this stack costs by itself on the machine, next to nginx; the gap between it and the agent is the gateway's own
 * work.
 *
 * <p>{@code BareRelay <listen port> <upstream base URL>}
 */
public final class BareRelay {

    private BareRelay() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String upstream = args[1];
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(2048);
        client.start();
        Server server = new Server();
        ServerConnector connector = FastUpstream.loopbackConnector(server, port);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.asByteArrayAsync(request, 1 << 20).whenComplete((body, failure) -> {
                    if (failure != null) {
                        callback.failed(failure);
                        return;
                    }
                    var outbound = client.newRequest(upstream + Request.getPathInContext(request))
                            .method(request.getMethod())
                            .timeout(10, TimeUnit.SECONDS)
                            .headers(h -> {
                                for (HttpField field : request.getHeaders()) {
                                    if (field.getHeader() != HttpHeader.HOST
                                            && field.getHeader() != HttpHeader.CONTENT_LENGTH
                                            && field.getHeader() != HttpHeader.CONNECTION) {
                                        h.add(field);
                                    }
                                }
                            })
                            .body(new BytesRequestContent(request.getHeaders().get(HttpHeader.CONTENT_TYPE), body));
                    outbound.send(new BufferingResponseListener(1 << 20) {
                        @Override
                        public void onComplete(Result result) {
                            if (result.isFailed()) {
                                Response.writeError(request, response, callback, 502);
                                return;
                            }
                            response.setStatus(result.getResponse().getStatus());
                            for (HttpField field : result.getResponse().getHeaders()) {
                                if (field.getHeader() != HttpHeader.CONTENT_LENGTH
                                        && field.getHeader() != HttpHeader.CONNECTION
                                        && field.getHeader() != HttpHeader.SERVER
                                        && field.getHeader() != HttpHeader.DATE) {
                                    response.getHeaders().add(field);
                                }
                            }
                            response.write(true, java.nio.ByteBuffer.wrap(getContent()), callback);
                        }
                    });
                });
                return true;
            }
        });
        server.start();
        System.out.println("bare Jetty relay on 127.0.0.1:" + connector.getLocalPort() + " -> " + upstream);
        server.join();
    }
}
