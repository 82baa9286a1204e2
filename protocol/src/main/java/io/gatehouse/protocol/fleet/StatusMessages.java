package io.gatehouse.protocol.fleet;

/**
 * Messages on {@link PulsarTopics#status()} (agent → control plane, key = agent id). The message property
 * {@link #TYPE_PROPERTY} names the value's type; a message without it is an {@link AgentStatus} (agents written
 * before the property existed send none).
 *
 * <ul>
 *   <li>{@link #TYPE_STATUS}: {@link AgentStatus} JSON.
 *   <li>{@link #TYPE_DISCOVERED_TOOLS}: {@link DiscoveredTools} JSON: the complete tool list one managed server
 *       announced to the agent, sent at start (first list seen) and whenever it changes; at most
 *       {@link DiscoveredTools#MAX_BYTES} bytes.
 * </ul>
 *
 * The control plane drops (and acknowledges) a message of a type it does not know.
 */
public final class StatusMessages {

    public static final String TYPE_PROPERTY = ConfigMessages.TYPE_PROPERTY;
    public static final String TYPE_STATUS = "agent-status";
    public static final String TYPE_DISCOVERED_TOOLS = "discovered-tools";

    private StatusMessages() {}
}
