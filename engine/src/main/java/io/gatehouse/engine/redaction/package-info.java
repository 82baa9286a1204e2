/**
 * Redaction and DLP: built-in {@link io.gatehouse.engine.redaction.Detector}s with stable ids, tenant
 * patterns on RE2/J, and the {@link io.gatehouse.engine.redaction.Redactor} compiled from a bundle's
 * redaction rules and applied to tool arguments, results and SSE event data.
 */
package io.gatehouse.engine.redaction;
