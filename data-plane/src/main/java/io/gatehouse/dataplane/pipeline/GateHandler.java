package io.gatehouse.dataplane.pipeline;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Runs one {@link Gate} in the chain (steps 5–8). */
public final class GateHandler extends Handler.Wrapper {

    private final String stage;
    private final Gate gate;

    public GateHandler(String stage, Gate gate, Handler next) {
        super(next);
        this.stage = stage;
        this.gate = gate;
    }

    public String stage() {
        return stage;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Refusal refusal = gate.check(McpExchange.of(request));
        if (refusal != null) {
            return Responses.refuse(request, response, callback, refusal);
        }
        return super.handle(request, response, callback);
    }
}
