/**
 * REST records of the control plane's {@code /api/v1} surface: requests, responses, {@link
 * io.gatehouse.protocol.api.Page} and {@link io.gatehouse.protocol.api.Problem}. Plain records with
 * Jackson annotations at most; shared by the control plane, the SDK, the console and Terraform.
 */
package io.gatehouse.protocol.api;
