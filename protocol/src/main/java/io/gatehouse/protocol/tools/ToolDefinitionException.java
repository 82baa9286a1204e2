package io.gatehouse.protocol.tools;

/** A {@code tools/list} tool object that is not a valid MCP tool definition; the message names the field. */
public final class ToolDefinitionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ToolDefinitionException(String message) {
        super(message);
    }
}
