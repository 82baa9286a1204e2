package io.gatehouse.protocol.fleet;

/**
 * Messages on {@link PulsarTopics#bundles()}. Every message carries the property {@link #TYPE_PROPERTY}.
 *
 * <ul>
 *   <li>{@link #TYPE_BUNDLE}: key = data-plane group id; value = the bundle JWS in compact form (UTF-8), as
 *       produced by {@code BundleSigner}/{@code KeyRing.signBundle}.
 *   <li>{@link #TYPE_TRUST_SET}: key = {@link #TRUST_SET_KEY}; value = {@link TrustSetChain} JSON: every signed
 *       trust set of the tenant from version 1 upward, so an agent pinned to any older version can walk the chain
 *       with {@code TrustSetUpdate.verifyChain}.
 * </ul>
 *
 * Agents ignore messages whose key is neither their own group nor {@link #TRUST_SET_KEY}, and reject (REJECTED,
 * reported on the status topic) any message of an unknown type.
 */
public final class ConfigMessages {

    public static final String TYPE_PROPERTY = "gatehouse-type";
    public static final String TYPE_BUNDLE = "bundle";
    public static final String TYPE_TRUST_SET = "trust-set";

    /** Message key of trust-set updates; group ids never start with an underscore. */
    public static final String TRUST_SET_KEY = "_trust";

    private ConfigMessages() {}
}
