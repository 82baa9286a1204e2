package io.gatehouse.protocol.bundle;

import static io.gatehouse.protocol.bundle.Checks.SCOPE;
import static io.gatehouse.protocol.bundle.Checks.matching;
import static io.gatehouse.protocol.bundle.Checks.optionalText;
import static io.gatehouse.protocol.bundle.Checks.stringList;

import java.util.List;

/**
 * A scope of the tenant's catalog.
 *
 * @param name the scope string as it appears in tokens
 * @param description what it grants
 * @param implies scopes a holder of this scope also has (transitively)
 */
public record Scope(String name, String description, List<String> implies) {
    public Scope {
        matching(name, SCOPE, "name");
        optionalText(description, "description");
        implies = stringList(implies, SCOPE, "implies");
        if (implies.contains(name)) {
            throw new IllegalArgumentException("implies: scope '" + name + "' must not imply itself");
        }
    }
}
