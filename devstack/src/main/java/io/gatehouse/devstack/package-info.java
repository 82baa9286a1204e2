/** Embedded PostgreSQL, in-process Pulsar and Redis for ./gatehouse dev and for tests. */
package io.gatehouse.devstack;
