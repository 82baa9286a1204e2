package io.gatehouse.dataplane.bundle;

import io.gatehouse.protocol.bundle.Scope;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The tenant's scopes with {@code implies} resolved transitively. */
public final class ScopeCatalog {

    private final Map<String, List<String>> implies = new HashMap<>();

    public ScopeCatalog(List<Scope> scopes) {
        scopes.forEach(s -> implies.put(s.name(), s.implies()));
    }

    /** The granted scopes plus everything they imply. */
    public Set<String> expand(Set<String> granted) {
        Set<String> out = new HashSet<>(granted);
        Deque<String> todo = new ArrayDeque<>(granted);
        while (!todo.isEmpty()) {
            for (String implied : implies.getOrDefault(todo.pop(), List.of())) {
                if (out.add(implied)) {
                    todo.push(implied);
                }
            }
        }
        return Set.copyOf(out);
    }
}
