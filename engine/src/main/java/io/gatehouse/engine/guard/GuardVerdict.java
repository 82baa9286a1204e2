package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of an argument guard.
 *
 * @param allowed whether the value may pass
 * @param reason {@link GuardReason#ALLOWED} when allowed, otherwise the stable deny key
 * @param canonical the canonical form the guard decided on (e.g. {@code /srv/data/a.txt},
 *     {@code https://xn--bcher-kva.example/x}); empty when the value could not be canonicalised.
 *     It derives from the argument value: audit it only where argument values may be recorded
 * @param detail a short human explanation that never repeats the argument value (e.g.
 *     {@code "'..' climbs above the root"}); empty when allowed
 */
public record GuardVerdict(boolean allowed, GuardReason reason, String canonical, String detail) {

    public GuardVerdict {
        requireNonNull(reason, "reason");
        canonical = canonical == null ? "" : canonical;
        detail = detail == null ? "" : detail;
        if (allowed != (reason == GuardReason.ALLOWED)) {
            throw new IllegalArgumentException("reason: " + reason + " contradicts allowed=" + allowed);
        }
    }

    /** An allow verdict for {@code canonical}. */
    public static GuardVerdict allow(String canonical) {
        return new GuardVerdict(true, GuardReason.ALLOWED, canonical, "");
    }

    /** A deny verdict. */
    public static GuardVerdict deny(GuardReason reason, String canonical, String detail) {
        return new GuardVerdict(false, reason, canonical, detail);
    }

    /** The stable reason key, e.g. {@code URL_PRIVATE_ADDRESS}. */
    public String reasonKey() {
        return reason.key();
    }
}
