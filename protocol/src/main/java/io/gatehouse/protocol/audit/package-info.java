/**
 * The audit batch wire format shipped from data planes to the control plane: records, hash-chained and
 * agent-signed batches (including deliberate gap markers), their canonical JSON, and chain verification.
 * Format and rules: {@code docs/signing.md}.
 */
package io.gatehouse.protocol.audit;
