/**
 * The fleet wire contract between the control plane and data-plane agents: enrollment, Pulsar topic
 * naming, the messages on the config topic and the agent status topic. See {@code docs/fleet.md}.
 */
package io.gatehouse.protocol.fleet;
