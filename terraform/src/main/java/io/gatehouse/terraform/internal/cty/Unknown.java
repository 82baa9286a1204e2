package io.gatehouse.terraform.internal.cty;

/** A value not known until apply ("known after apply"); the only instance is {@link #VALUE}. */
public enum Unknown {
    VALUE;

    public static boolean is(Object value) {
        return value == VALUE;
    }
}
