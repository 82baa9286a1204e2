package io.gatehouse.protocol.api;

/** A tool name and the fingerprint of the definition an admin reviewed. */
public record ToolPinRef(String name, String fingerprint) {}
