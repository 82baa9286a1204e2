/** Data-plane agent: MCP-aware reverse proxy enforcing OAuth 2.1, policy, rate limits, redaction and audit. */
package io.gatehouse.dataplane;
