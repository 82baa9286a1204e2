package io.gatehouse.protocol.signing;

import static io.gatehouse.protocol.signing.BundleRejectedException.Reason;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Data-plane side of the bundle envelope. Checks run in exactly this order and the first failure wins:
 * format and algorithm allowlist → key from the pinned trust set (by {@code kid}, valid now) → signature →
 * claims well-formed → tenant → audience → version against the applied one → content hash → expiry →
 * schema. Immutable and thread-safe.
 */
public final class BundleVerifier {

    private final String tenant;
    private final String audience;
    private final Set<Integer> supportedSchemas;
    private final Set<JWSAlgorithm> algorithms;
    private final Clock clock;

    /**
     * @param tenant the agent's tenant
     * @param audience the agent's data-plane group
     * @param supportedSchemas bundle schema versions this agent can compile
     * @param clock source of "now" for key validity and expiry
     */
    public BundleVerifier(String tenant, String audience, Set<Integer> supportedSchemas, Clock clock) {
        this(tenant, audience, supportedSchemas, Jws.DEFAULT_ALGORITHMS, clock);
    }

    private BundleVerifier(
            String tenant, String audience, Set<Integer> supportedSchemas, Set<JWSAlgorithm> algorithms, Clock clock) {
        this.tenant = Claims.requireId("tenant", tenant);
        this.audience = Claims.requireId("audience", audience);
        this.supportedSchemas = Set.copyOf(Objects.requireNonNull(supportedSchemas, "supportedSchemas"));
        if (this.supportedSchemas.isEmpty()) {
            throw new IllegalArgumentException("supportedSchemas: empty");
        }
        this.algorithms = Set.copyOf(algorithms);
        for (JWSAlgorithm algorithm : this.algorithms) {
            if (!Jws.SUPPORTED_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException(
                        "algorithm " + algorithm + " is not supported (supported: " + Jws.SUPPORTED_ALGORITHMS + ")");
            }
        }
        if (this.algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms: empty");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A copy that accepts exactly {@code allowed} (a subset of {@link Jws#SUPPORTED_ALGORITHMS}). */
    public BundleVerifier withAlgorithms(Set<JWSAlgorithm> allowed) {
        return new BundleVerifier(tenant, audience, supportedSchemas, allowed, clock);
    }

    /**
     * Full verification of a newly received envelope.
     *
     * @param trustSet the pinned trust set (keys are taken from here only)
     * @param appliedVersion version currently applied, 0 if none
     */
    public VerifiedBundle verify(String compact, TrustSet trustSet, long appliedVersion)
            throws BundleRejectedException {
        return check(compact, trustSet, appliedVersion, true);
    }

    /**
     * Re-verification of the agent's own persisted last-known-good bundle at boot: signature, tenant,
     * audience, hash and schema are checked; the version check is skipped and an expired bundle is still
     * returned, with {@link VerifiedBundle#expired()} set, so the agent keeps enforcing it and reports stale.
     */
    public VerifiedBundle verifyLastKnownGood(String compact, TrustSet trustSet) throws BundleRejectedException {
        return check(compact, trustSet, 0, false);
    }

    private VerifiedBundle check(String compact, TrustSet trustSet, long appliedVersion, boolean fresh)
            throws BundleRejectedException {
        Objects.requireNonNull(trustSet, "trustSet");
        if (appliedVersion < 0) {
            throw new IllegalArgumentException("appliedVersion: " + appliedVersion + " (expected: >= 0, 0 = none)");
        }
        if (!trustSet.tenant().equals(tenant)) {
            throw new IllegalArgumentException(
                    "trust set of tenant " + trustSet.tenant() + " used for tenant " + tenant);
        }
        Instant now = clock.instant();
        Jws.Parsed parsed;
        try {
            parsed = Jws.parse(compact, BundleEnvelope.TYPE, algorithms);
        } catch (Jws.JwsException e) {
            throw new BundleRejectedException(BundleRejectedException.of(e.failure()), e.getMessage());
        }
        ECKey key = trustSet.verificationKey(parsed.keyId(), now)
                .orElseThrow(() -> new BundleRejectedException(
                        Reason.UNKNOWN_KEY,
                        "kid " + Claims.printable(parsed.keyId())
                                + " is not a currently valid key of trust set version " + trustSet.version()));
        try {
            Jws.verifySignature(parsed, key);
        } catch (Jws.JwsException e) {
            throw new BundleRejectedException(BundleRejectedException.of(e.failure()), e.getMessage());
        }
        Decoded decoded = decode(parsed);
        BundleMetadata meta = decoded.metadata();
        if (!meta.tenant().equals(tenant)) {
            throw new BundleRejectedException(
                    Reason.WRONG_TENANT, "bundle is for tenant '" + meta.tenant() + "' (expected '" + tenant + "')");
        }
        if (!meta.audience().equals(audience)) {
            throw new BundleRejectedException(
                    Reason.WRONG_AUDIENCE,
                    "bundle is for audience '" + meta.audience() + "' (expected '" + audience + "')");
        }
        if (fresh && meta.version() == appliedVersion) {
            throw new BundleRejectedException(
                    Reason.DUPLICATE, "bundle version " + meta.version() + " is already applied");
        }
        if (fresh && meta.version() < appliedVersion) {
            throw new BundleRejectedException(
                    Reason.STALE,
                    "bundle version " + meta.version() + " is older than applied version " + appliedVersion);
        }
        String actual = Digests.sha256Base64Url(decoded.content());
        if (!Digests.constantTimeEquals(actual, meta.sha256())) {
            throw new BundleRejectedException(
                    Reason.HASH_MISMATCH, "content SHA-256 does not match the signed sha256 claim");
        }
        boolean expired = now.isAfter(meta.expiresAt());
        if (fresh && expired) {
            throw new BundleRejectedException(
                    Reason.EXPIRED, "bundle version " + meta.version() + " expired at " + meta.expiresAt());
        }
        if (!supportedSchemas.contains(meta.schema())) {
            throw new BundleRejectedException(
                    Reason.SCHEMA_UNSUPPORTED,
                    "bundle schema " + meta.schema() + " is not supported (supported: " + supportedSchemas + ")");
        }
        return new VerifiedBundle(meta, decoded.content(), expired);
    }

    private record Decoded(BundleMetadata metadata, byte[] content) {}

    private static Decoded decode(Jws.Parsed parsed) throws BundleRejectedException {
        try {
            JsonNode claims = CanonicalJson.parse(parsed.payload());
            Claims.onlyMembers(claims, "claims", BundleEnvelope.CLAIMS);
            long version = Claims.integer(claims, BundleEnvelope.VER);
            if (version < 1) {
                throw new IllegalArgumentException("ver: " + version + " (expected: >= 1)");
            }
            long schema = Claims.integer(claims, BundleEnvelope.SCHEMA);
            if (schema < 1 || schema > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("schema: " + schema + " (expected: >= 1)");
            }
            Instant issuedAt = Claims.seconds(claims, BundleEnvelope.IAT);
            Instant expiresAt = Claims.seconds(claims, BundleEnvelope.EXP);
            if (!expiresAt.isAfter(issuedAt)) {
                throw new IllegalArgumentException("exp: " + expiresAt + " is not after iat " + issuedAt);
            }
            String sha256 = Claims.text(claims, BundleEnvelope.SHA256);
            if (!sha256.matches("[A-Za-z0-9_-]{43}")) {
                throw new IllegalArgumentException("sha256: expected 43 base64url characters");
            }
            String contentText = Claims.text(claims, BundleEnvelope.CONTENT);
            if (!contentText.matches("[A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("content: not unpadded base64url");
            }
            byte[] content = new Base64URL(contentText).decode();
            BundleMetadata meta = new BundleMetadata(
                    parsed.keyId(),
                    parsed.algorithm().getName(),
                    Claims.requireId(BundleEnvelope.ISS, Claims.text(claims, BundleEnvelope.ISS)),
                    Claims.text(claims, BundleEnvelope.TENANT),
                    Claims.text(claims, BundleEnvelope.AUD),
                    version,
                    (int) schema,
                    sha256,
                    issuedAt,
                    expiresAt);
            return new Decoded(meta, content);
        } catch (IllegalArgumentException e) {
            throw new BundleRejectedException(Reason.MALFORMED, "bundle claims: " + e.getMessage());
        }
    }
}
