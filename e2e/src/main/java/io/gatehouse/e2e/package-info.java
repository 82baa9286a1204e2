/** System tests that run the whole product against real PostgreSQL, Pulsar, Redis, OIDC and MCP peers. */
package io.gatehouse.e2e;
