package io.gatehouse.terraform.internal.schema;

import io.gatehouse.terraform.internal.cty.CtyType;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of a schema block. {@code forceNew}: a change replaces the object (the API cannot
 * update it in place). {@code allowed}: the only accepted string values, checked before any API call.
 */
public record Attribute(
        String name,
        CtyType type,
        Mode mode,
        boolean sensitive,
        boolean forceNew,
        List<String> allowed,
        String description) {

    /** How the value is set: by the user, by the API, or by either. */
    public enum Mode {
        REQUIRED,
        OPTIONAL,
        OPTIONAL_COMPUTED,
        COMPUTED
    }

    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mode, "mode");
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(description, "description");
    }

    public static Attribute required(String name, CtyType type, String description) {
        return new Attribute(name, type, Mode.REQUIRED, false, false, List.of(), description);
    }

    public static Attribute optional(String name, CtyType type, String description) {
        return new Attribute(name, type, Mode.OPTIONAL, false, false, List.of(), description);
    }

    /** Optional; when left out, the API's default is kept in state. */
    public static Attribute optionalComputed(String name, CtyType type, String description) {
        return new Attribute(name, type, Mode.OPTIONAL_COMPUTED, false, false, List.of(), description);
    }

    public static Attribute computed(String name, CtyType type, String description) {
        return new Attribute(name, type, Mode.COMPUTED, false, false, List.of(), description);
    }

    /** Marks the value sensitive: Terraform hides it in plans and output. */
    public Attribute secret() {
        return new Attribute(name, type, mode, true, forceNew, allowed, description);
    }

    /** A change replaces the object. */
    public Attribute immutable() {
        return new Attribute(name, type, mode, sensitive, true, allowed, description);
    }

    public Attribute oneOf(String... values) {
        return new Attribute(name, type, mode, sensitive, forceNew, List.of(values), description);
    }

    public boolean computed() {
        return mode == Mode.COMPUTED || mode == Mode.OPTIONAL_COMPUTED;
    }

    public boolean userSettable() {
        return mode != Mode.COMPUTED;
    }
}
