package io.gatehouse.protocol.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's bundle-signing public keys at one version. Immutable. Version 1 is pinned at enrollment; every
 * later version must be signed by a key of the previous one (see {@link TrustSetUpdate}).
 *
 * @param tenant tenant id
 * @param version ≥ 1, strictly increasing by one per published change
 * @param issuedAt when this version was issued (whole seconds)
 * @param keys at least one key, unique {@code kid}s, in publication order
 */
public record TrustSet(String tenant, long version, Instant issuedAt, List<TrustedKey> keys) {

    private static final Set<String> MEMBERS = Set.of("tenant", "ver", "iat", "keys");
    private static final Set<String> KEY_MEMBERS = Set.of("jwk", "notBefore", "notAfter");
    private static final Set<String> JWK_MEMBERS = Set.of("kty", "crv", "x", "y", "kid");

    public TrustSet {
        Claims.requireId("tenant", tenant);
        if (version < 1 || version > CanonicalJson.MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("version: " + version + " (expected: >= 1)");
        }
        issuedAt = Instant.ofEpochSecond(
                Objects.requireNonNull(issuedAt, "issuedAt").getEpochSecond());
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("keys: empty (a trust set needs at least one key)");
        }
        Set<String> seen = new HashSet<>();
        for (TrustedKey key : keys) {
            if (!seen.add(key.keyId())) {
                throw new IllegalArgumentException("keys: duplicate kid " + key.keyId());
            }
        }
    }

    /** The key with {@code kid}, whatever its validity window. */
    public Optional<TrustedKey> find(String kid) {
        return keys.stream().filter(k -> k.keyId().equals(kid)).findFirst();
    }

    /** The key with {@code kid} if it is valid at {@code at}. */
    public Optional<ECKey> verificationKey(String kid, Instant at) {
        return find(kid).filter(k -> k.isValidAt(at)).map(TrustedKey::publicKey);
    }

    /** The keys as a standard JWK set (public parts only). */
    public JWKSet toJwkSet() {
        return new JWKSet(keys.stream().map(k -> (JWK) k.publicKey()).toList());
    }

    /** A copy with {@code version + 1}, the given issue time and keys. */
    public TrustSet next(Instant issuedAt, List<TrustedKey> keys) {
        return new TrustSet(tenant, version + 1, issuedAt, keys);
    }

    /** The canonical JSON document that a {@link SignedTrustSet} signs. */
    public ObjectNode toJson() {
        ObjectNode root = CanonicalJson.object();
        root.put("tenant", tenant);
        root.put("ver", version);
        root.put("iat", issuedAt.getEpochSecond());
        ArrayNode array = root.putArray("keys");
        for (TrustedKey key : keys) {
            ObjectNode entry = array.addObject();
            ObjectNode jwk = entry.putObject("jwk");
            for (Map.Entry<String, Object> member :
                    key.publicKey().toJSONObject().entrySet()) {
                if (JWK_MEMBERS.contains(member.getKey())) {
                    jwk.put(member.getKey(), String.valueOf(member.getValue()));
                }
            }
            entry.put("notBefore", key.notBefore().getEpochSecond());
            if (key.notAfter() != null) {
                entry.put("notAfter", key.notAfter().getEpochSecond());
            }
        }
        return root;
    }

    /** Parses the JSON form strictly; throws {@link IllegalArgumentException} naming the bad member. */
    public static TrustSet fromJson(JsonNode root) {
        Claims.onlyMembers(root, "trust set", MEMBERS);
        JsonNode array = Claims.member(root, "keys");
        if (!array.isArray()) {
            throw new IllegalArgumentException("keys: expected an array");
        }
        List<TrustedKey> keys = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String where = "keys[" + i + "]";
            Claims.onlyMembers(entry, where, KEY_MEMBERS);
            JsonNode jwkNode = Claims.member(entry, "jwk");
            Claims.onlyMembers(jwkNode, where + ".jwk", JWK_MEMBERS);
            Map<String, Object> jwk = new LinkedHashMap<>();
            for (String name : JWK_MEMBERS) {
                jwk.put(name, Claims.text(jwkNode, name));
            }
            ECKey key;
            try {
                key = ECKey.parse(jwk);
            } catch (ParseException e) {
                throw new IllegalArgumentException(where + ".jwk: " + e.getMessage(), e);
            }
            if (key.isPrivate()) {
                throw new IllegalArgumentException(where + ".jwk: contains a private key");
            }
            Instant notBefore = Claims.seconds(entry, "notBefore");
            Instant notAfter = entry.has("notAfter") ? Claims.seconds(entry, "notAfter") : null;
            try {
                keys.add(new TrustedKey(key, notBefore, notAfter));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new TrustSet(
                Claims.text(root, "tenant"), Claims.integer(root, "ver"), Claims.seconds(root, "iat"), keys);
    }
}
