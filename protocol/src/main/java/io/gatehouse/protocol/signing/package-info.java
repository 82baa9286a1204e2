/**
 * Cryptographic wire formats shared by the control plane and the data plane: canonical JSON, the signed
 * bundle envelope (JWS), versioned signed trust sets and key rotation, AES-GCM sealing, and agent identity
 * keys with proof of possession. Format and rules: {@code docs/signing.md}.
 */
package io.gatehouse.protocol.signing;
