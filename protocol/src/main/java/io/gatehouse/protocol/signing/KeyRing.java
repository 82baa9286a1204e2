package io.gatehouse.protocol.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Control-plane side of a tenant's bundle-signing keys. Immutable: every operation returns a new ring, and
 * the ones that change the published key set also produce the next {@link SignedTrustSet} (version + 1,
 * signed by the key that is active at that moment, so agents can verify it with {@link TrustSetUpdate}).
 *
 * <p>Rotation: {@link #publishNext} adds the new public key to the trust set while the old key keeps
 * signing; after at least the propagation window {@link #activate} switches signing to it (the control plane
 * re-signs current bundles with a higher version); once agents run bundles signed by the new key,
 * {@link #retire} removes the old one. No bundle is rejected at any step.
 */
public final class KeyRing {

    private final SignedTrustSet published;
    private final Map<String, ECKey> privateKeys;
    private final String activeKeyId;
    private final Duration propagationWindow;

    private KeyRing(
            SignedTrustSet published, Map<String, ECKey> privateKeys, String activeKeyId, Duration propagationWindow) {
        this.published = published;
        this.privateKeys = privateKeys;
        this.activeKeyId = activeKeyId;
        this.propagationWindow = propagationWindow;
    }

    /** A fresh EC P-256 private key whose {@code kid} is its RFC 7638 thumbprint. */
    public static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("EC P-256 key generation failed", e);
        }
    }

    /**
     * A new ring whose only key is {@code initialKey}; trust set version 1 is self-signed by it.
     *
     * @param propagationWindow how long a published key must be known before it may sign (≥ 0)
     */
    public static KeyRing create(String tenant, ECKey initialKey, Instant now, Duration propagationWindow) {
        requireSigningKey(initialKey);
        requireWindow(propagationWindow);
        TrustSet first = new TrustSet(tenant, 1, now, List.of(TrustedKey.of(initialKey.toPublicJWK(), now)));
        Map<String, ECKey> keys = new LinkedHashMap<>();
        keys.put(initialKey.getKeyID(), initialKey);
        return new KeyRing(TrustSetUpdate.sign(first, initialKey), keys, initialKey.getKeyID(), propagationWindow);
    }

    /**
     * Rebuilds a ring from storage: the last published trust set, the private keys of its keys (decrypted by
     * the caller), and which one signs.
     */
    public static KeyRing restore(
            SignedTrustSet published, Collection<ECKey> privateKeys, String activeKeyId, Duration propagationWindow) {
        Objects.requireNonNull(published, "published");
        requireWindow(propagationWindow);
        Map<String, ECKey> keys = new LinkedHashMap<>();
        for (ECKey key : privateKeys) {
            requireSigningKey(key);
            TrustedKey trusted = published
                    .trustSet()
                    .find(key.getKeyID())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "private key " + key.getKeyID() + " is not in trust set version " + published.version()));
            if (!trusted.publicKey().equals(key.toPublicJWK())) {
                throw new IllegalArgumentException("private key " + key.getKeyID() + " does not match its public key");
            }
            keys.put(key.getKeyID(), key);
        }
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key " + activeKeyId + " has no private key");
        }
        return new KeyRing(published, keys, activeKeyId, propagationWindow);
    }

    public String tenant() {
        return published.trustSet().tenant();
    }

    /** The private key that signs bundles (and the next trust set) now. */
    public ECKey activeKey() {
        return privateKeys.get(activeKeyId);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** The latest published trust set. */
    public SignedTrustSet trustSet() {
        return published;
    }

    /** Every private key the ring holds (for sealed storage), in publication order. */
    public List<ECKey> privateKeys() {
        return List.copyOf(privateKeys.values());
    }

    /** Signs a bundle with the active key. */
    public String signBundle(BundleSigner signer, BundleRequest request) {
        return signer.sign(request, activeKey());
    }

    /** Publishes {@code nextKey} (valid from {@code now}) in trust set version + 1; signing does not change yet. */
    public KeyRing publishNext(ECKey nextKey, Instant now) {
        requireSigningKey(nextKey);
        TrustSet current = published.trustSet();
        if (current.find(nextKey.getKeyID()).isPresent()) {
            throw new IllegalStateException("key " + nextKey.getKeyID() + " is already published");
        }
        List<TrustedKey> keys = new ArrayList<>(current.keys());
        keys.add(TrustedKey.of(nextKey.toPublicJWK(), now));
        Map<String, ECKey> ring = new LinkedHashMap<>(privateKeys);
        ring.put(nextKey.getKeyID(), nextKey);
        SignedTrustSet next = TrustSetUpdate.sign(current.next(now, keys), activeKey());
        return new KeyRing(next, ring, activeKeyId, propagationWindow);
    }

    /**
     * Makes the published key {@code kid} the signing key. Refused until the key has been published for the
     * propagation window, so that every agent can verify what it signs.
     */
    public KeyRing activate(String kid, Instant now) {
        TrustedKey key = published
                .trustSet()
                .find(kid)
                .orElseThrow(() -> new IllegalStateException("key " + kid + " is not published"));
        if (!privateKeys.containsKey(kid)) {
            throw new IllegalStateException("key " + kid + " has no private key in this ring");
        }
        if (kid.equals(activeKeyId)) {
            throw new IllegalStateException("key " + kid + " is already active");
        }
        Instant earliest = key.notBefore().plus(propagationWindow);
        if (now.isBefore(earliest)) {
            throw new IllegalStateException("key " + kid + " was published at " + key.notBefore()
                    + "; it may sign from " + earliest + " (propagation window " + propagationWindow + ")");
        }
        return new KeyRing(published, privateKeys, kid, propagationWindow);
    }

    /**
     * Removes key {@code kid} from the published set (trust set version + 1, signed by the active key). The
     * active key cannot be retired. Retire a key only after bundles it signed have been re-signed.
     */
    public KeyRing retire(String kid, Instant now) {
        if (kid.equals(activeKeyId)) {
            throw new IllegalStateException("key " + kid + " is the active signing key; activate another first");
        }
        TrustSet current = published.trustSet();
        if (current.find(kid).isEmpty()) {
            throw new IllegalStateException("key " + kid + " is not published");
        }
        List<TrustedKey> keys =
                current.keys().stream().filter(k -> !k.keyId().equals(kid)).toList();
        Map<String, ECKey> ring = new LinkedHashMap<>(privateKeys);
        ring.remove(kid);
        SignedTrustSet next = TrustSetUpdate.sign(current.next(now, keys), activeKey());
        return new KeyRing(next, ring, activeKeyId, propagationWindow);
    }

    @Override
    public String toString() {
        return "KeyRing[tenant=" + tenant() + ", trustSetVersion=" + published.version() + ", activeKid=" + activeKeyId
                + ", keys=" + privateKeys.size() + "]";
    }

    private static void requireSigningKey(ECKey key) {
        Objects.requireNonNull(key, "key");
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("key " + key.getKeyID() + " has no private part");
        }
        Jws.algorithmFor(key);
        if (!TrustedKey.thumbprint(key.toPublicJWK()).equals(key.getKeyID())) {
            throw new IllegalArgumentException("kid '" + key.getKeyID() + "' is not the key's RFC 7638 thumbprint");
        }
    }

    private static void requireWindow(Duration window) {
        Objects.requireNonNull(window, "propagationWindow");
        if (window.isNegative()) {
            throw new IllegalArgumentException("propagationWindow: " + window + " (expected: >= 0)");
        }
    }
}
