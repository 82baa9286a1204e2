/**
 * Real MCP peers for tests and {@code ./gatehouse dev}: {@link io.gatehouse.devstack.mcp.FixtureMcpServer}
 * (the conformance suite's fixtures on the MCP Java SDK), {@link io.gatehouse.devstack.mcp.DemoMcpServer},
 * {@link io.gatehouse.devstack.mcp.NpmMcpServer} (server-everything), {@link
 * io.gatehouse.devstack.mcp.StdioHttpBridge} (stdio servers such as server-filesystem behind Streamable
 * HTTP) and {@link io.gatehouse.devstack.mcp.ConformanceRunner} (the pinned conformance suite).
 */
package io.gatehouse.devstack.mcp;
