/** Hosted multi-tenant control plane: REST API, PostgreSQL, bundle compiler and signer, Pulsar relay, audit ingest. */
package io.gatehouse.controlplane;
