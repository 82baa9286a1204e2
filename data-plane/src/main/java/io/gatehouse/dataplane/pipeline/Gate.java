package io.gatehouse.dataplane.pipeline;

/**
 * One decision point between decoding and the upstream (kill switch, policy, rate limit, request
 * DLP). Returns null to let the request continue, or the refusal to answer with. Thread-safe.
 */
@FunctionalInterface
public interface Gate {

    /** Lets every request through: the seam for a stage whose issue has not been built yet. */
    Gate NONE = exchange -> null;

    Refusal check(McpExchange exchange) throws Exception;
}
