package io.gatehouse.engine.supplychain;

/** What a server's policy says about tools that have no pin. */
public enum UnpinnedToolPolicy {
    /** Hide them and refuse their calls until approved (the default; fails closed). */
    HIDE,
    /** Show them and allow calls; they are still reported as {@link PinStatus#NEW_UNPINNED}. */
    ALLOW
}
