/**
 * The agent's side of the fleet (docs/fleet.md): enrollment ({@link io.gatehouse.dataplane.fleet.Enrollment},
 * {@link io.gatehouse.dataplane.fleet.EnrollCommand}), the sealed state directory
 * ({@link io.gatehouse.dataplane.fleet.StateDir}, {@link io.gatehouse.dataplane.fleet.EnrolledState}), verifying and
 * applying signed bundles with a last-known-good ({@link io.gatehouse.dataplane.fleet.BundleApplier}), and the
 * Pulsar reader, status reports and heartbeat ({@link io.gatehouse.dataplane.fleet.FleetAgent}).
 */
package io.gatehouse.dataplane.fleet;
