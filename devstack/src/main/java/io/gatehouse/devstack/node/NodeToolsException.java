package io.gatehouse.devstack.node;

/** Node or an npm package could not be provided; the message says which command failed and why. */
public final class NodeToolsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NodeToolsException(String message) {
        super(message);
    }

    public NodeToolsException(String message, Throwable cause) {
        super(message, cause);
    }
}
