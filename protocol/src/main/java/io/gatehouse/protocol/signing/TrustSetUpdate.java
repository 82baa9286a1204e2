package io.gatehouse.protocol.signing;

import static io.gatehouse.protocol.signing.TrustSetRejectedException.Reason;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Signing and verifying trust-set versions. Rule: version n+1 is accepted only if it is signed by a key of
 * the currently trusted version n that is valid now, names the same tenant, and carries exactly version
 * n+1 (equal → {@code DUPLICATE}, lower → {@code STALE}, higher → {@code VERSION_GAP}; an agent that missed
 * versions applies the published history in order, see {@link #verifyChain}).
 */
public final class TrustSetUpdate {

    /** {@code typ} header of a signed trust set. */
    public static final JOSEObjectType TYPE = new JOSEObjectType(SignedTrustSet.TYPE_NAME);

    private TrustSetUpdate() {}

    /** Signs {@code trustSet} with {@code signingKey}, a private key whose public part is trusted by the previous version. */
    public static SignedTrustSet sign(TrustSet trustSet, ECKey signingKey) {
        Objects.requireNonNull(trustSet, "trustSet");
        return new SignedTrustSet(Jws.sign(signingKey, TYPE, CanonicalJson.bytes(trustSet.toJson())), trustSet);
    }

    /** Verifies {@code signedNext} against {@code current} at {@code now} (ES256 or ES384, matching the key). */
    public static TrustSet verify(TrustSet current, String signedNext, Instant now) throws TrustSetRejectedException {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(now, "now");
        TrustSet next = verifySignedBy(current, signedNext, now);
        if (next.version() == current.version()) {
            throw new TrustSetRejectedException(
                    Reason.DUPLICATE, "trust set version " + next.version() + " is already trusted");
        }
        if (next.version() < current.version()) {
            throw new TrustSetRejectedException(
                    Reason.STALE,
                    "trust set version " + next.version() + " is older than trusted version " + current.version());
        }
        if (next.version() != current.version() + 1) {
            throw new TrustSetRejectedException(
                    Reason.VERSION_GAP,
                    "trust set version " + next.version() + " skips versions (expected " + (current.version() + 1)
                            + ")");
        }
        return next;
    }

    /**
     * Applies consecutive versions in order and returns the last; the first rejection stops the walk (the
     * caller keeps {@code current}).
     */
    public static TrustSet verifyChain(TrustSet current, List<String> signedVersions, Instant now)
            throws TrustSetRejectedException {
        TrustSet trusted = current;
        for (String signed : signedVersions) {
            trusted = verify(trusted, signed, now);
        }
        return trusted;
    }

    /**
     * Accepts the trust set handed out at enrollment (delivered over the pinned TLS channel): it must be for
     * {@code tenant} and signed by one of its own keys that is valid now. The result is what the agent pins.
     */
    public static TrustSet verifyPinned(String signed, String tenant, Instant now) throws TrustSetRejectedException {
        Objects.requireNonNull(tenant, "tenant");
        Jws.Parsed parsed = parse(signed);
        TrustSet candidate = payload(parsed);
        ECKey key = candidate
                .verificationKey(parsed.keyId(), now)
                .orElseThrow(() -> new TrustSetRejectedException(
                        Reason.UNKNOWN_KEY,
                        "kid " + Claims.printable(parsed.keyId()) + " is not a currently valid key of the trust set"));
        checkSignature(parsed, key);
        checkTenant(candidate, tenant);
        return candidate;
    }

    private static TrustSet verifySignedBy(TrustSet current, String signed, Instant now)
            throws TrustSetRejectedException {
        Jws.Parsed parsed = parse(signed);
        ECKey key = current.verificationKey(parsed.keyId(), now)
                .orElseThrow(() -> new TrustSetRejectedException(
                        Reason.UNKNOWN_KEY,
                        "kid " + Claims.printable(parsed.keyId())
                                + " is not a currently valid key of trust set version " + current.version()));
        checkSignature(parsed, key);
        TrustSet next = payload(parsed);
        checkTenant(next, current.tenant());
        return next;
    }

    private static Jws.Parsed parse(String signed) throws TrustSetRejectedException {
        try {
            return Jws.parse(signed, TYPE, Jws.SUPPORTED_ALGORITHMS);
        } catch (Jws.JwsException e) {
            throw new TrustSetRejectedException(Reason.valueOf(e.failure().name()), e.getMessage());
        }
    }

    private static void checkSignature(Jws.Parsed parsed, ECKey key) throws TrustSetRejectedException {
        try {
            Jws.verifySignature(parsed, key);
        } catch (Jws.JwsException e) {
            throw new TrustSetRejectedException(Reason.valueOf(e.failure().name()), e.getMessage());
        }
    }

    private static TrustSet payload(Jws.Parsed parsed) throws TrustSetRejectedException {
        try {
            return TrustSet.fromJson(CanonicalJson.parse(parsed.payload()));
        } catch (IllegalArgumentException e) {
            throw new TrustSetRejectedException(Reason.MALFORMED, "trust set payload: " + e.getMessage());
        }
    }

    private static void checkTenant(TrustSet next, String tenant) throws TrustSetRejectedException {
        if (!next.tenant().equals(tenant)) {
            throw new TrustSetRejectedException(
                    Reason.WRONG_TENANT,
                    "trust set is for tenant '" + Claims.printable(next.tenant()) + "' (expected '" + tenant + "')");
        }
    }
}
