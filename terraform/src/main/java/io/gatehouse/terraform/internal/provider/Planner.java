package io.gatehouse.terraform.internal.provider;

import io.gatehouse.terraform.internal.cty.Unknown;
import io.gatehouse.terraform.internal.cty.Values;
import io.gatehouse.terraform.internal.resources.ManagedResource;
import io.gatehouse.terraform.internal.schema.Attribute;
import io.gatehouse.terraform.internal.schema.Block;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema-driven parts of planning and applying: which computed values become unknown, what
 * forces replacement, how an API answer merges into a plan, and how empty collections from the API
 * line up with attributes the configuration leaves out.
 */
final class Planner {
    private Planner() {}

    /** A planned object and the top-level attributes whose change replaces the object. */
    record Plan(Map<String, Object> planned, List<String> requiresReplace) {}

    static Plan plan(
            ManagedResource resource,
            Map<String, Object> prior,
            Map<String, Object> proposed,
            Map<String, Object> config) {
        Block schema = resource.schema();
        if (prior == null) {
            return new Plan(unknownComputed(schema, proposed, config, true), List.of());
        }
        List<String> changed = new ArrayList<>();
        for (Attribute a : schema.attributes()) {
            if (a.userSettable() && !Values.equal(prior.get(a.name()), proposed.get(a.name()))) {
                changed.add(a.name());
            }
        }
        for (Block.NestedBlock b : schema.blocks()) {
            if (!Values.equal(prior.get(b.name()), proposed.get(b.name()))) {
                changed.add(b.name());
            }
        }
        if (changed.isEmpty()) {
            return new Plan(proposed, List.of());
        }
        List<String> replace = new ArrayList<>();
        for (String name : changed) {
            boolean forceNew = schema.attribute(name).map(Attribute::forceNew).orElse(false) || !resource.updatable();
            if (forceNew) {
                replace.add(name);
            }
        }
        if (!replace.isEmpty()) {
            return new Plan(unknownComputed(schema, proposed, config, true), replace);
        }
        Map<String, Object> planned = unknownComputed(schema, proposed, config, false);
        for (String name : resource.changedByUpdate()) {
            planned.put(name, Unknown.VALUE);
        }
        return new Plan(planned, List.of());
    }

    /**
     * Computed attributes the configuration leaves out become unknown: all of them for a new object
     * ({@code fresh}), only those without a value otherwise (e.g. the id of a newly added rule).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> unknownComputed(
            Block schema, Map<String, Object> proposed, Map<String, Object> config, boolean fresh) {
        Map<String, Object> out = new LinkedHashMap<>(proposed);
        for (Attribute a : schema.attributes()) {
            boolean unset = config == null || config.get(a.name()) == null;
            if (a.computed() && unset && (fresh || out.get(a.name()) == null)) {
                out.put(a.name(), Unknown.VALUE);
            }
        }
        for (Block.NestedBlock b : schema.blocks()) {
            Object value = out.get(b.name());
            if (value instanceof List<?> items) {
                List<?> configItems = config == null ? null : (List<?>) config.get(b.name());
                List<Object> planned = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Map<String, Object> item = (Map<String, Object>) items.get(i);
                    Map<String, Object> configItem = configItems != null && i < configItems.size()
                            ? (Map<String, Object>) configItems.get(i)
                            : null;
                    planned.add(item == null ? null : unknownComputed(b.block(), item, configItem, fresh));
                }
                out.put(b.name(), planned);
            }
        }
        return out;
    }

    /** The applied object: every value the plan knew, the API's answer for everything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Block schema, Map<String, Object> planned, Map<String, Object> api) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Attribute a : schema.attributes()) {
            Object p = planned.get(a.name());
            out.put(a.name(), Unknown.is(p) ? api.get(a.name()) : p);
        }
        for (Block.NestedBlock b : schema.blocks()) {
            Object p = planned.get(b.name());
            Object fromApi = api.get(b.name());
            if (Unknown.is(p)) {
                out.put(b.name(), fromApi);
            } else if (p instanceof List<?> items) {
                List<?> apiItems = fromApi instanceof List<?> l ? l : List.of();
                List<Object> merged = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Map<String, Object> item = (Map<String, Object>) items.get(i);
                    Map<String, Object> apiItem =
                            i < apiItems.size() ? (Map<String, Object>) apiItems.get(i) : Map.of();
                    merged.add(merge(b.block(), item, apiItem));
                }
                out.put(b.name(), merged);
            } else {
                out.put(b.name(), p);
            }
        }
        return out;
    }

    /**
     * The API answers an omitted list or map with an empty one; keep such a value as it was in
     * {@code prior} (null when the configuration never set it, e.g. right after an import), so
     * only real differences show as drift.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> alignEmpty(Block schema, Map<String, Object> fresh, Map<String, Object> prior) {
        Map<String, Object> out = new LinkedHashMap<>(fresh);
        for (Attribute a : schema.attributes()) {
            Object value = out.get(a.name());
            Object before = prior == null ? null : prior.get(a.name());
            if (isEmptyCollection(value) && (before == null || isEmptyCollection(before))) {
                out.put(a.name(), before);
            }
        }
        for (Block.NestedBlock b : schema.blocks()) {
            if (out.get(b.name()) instanceof List<?> items) {
                List<?> priorItems = prior != null && prior.get(b.name()) instanceof List<?> l ? l : List.of();
                List<Object> aligned = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    Map<String, Object> priorItem =
                            i < priorItems.size() ? (Map<String, Object>) priorItems.get(i) : null;
                    aligned.add(alignEmpty(b.block(), (Map<String, Object>) items.get(i), priorItem));
                }
                out.put(b.name(), aligned);
            } else if (out.get(b.name()) == null) {
                out.put(b.name(), List.of());
            }
        }
        return out;
    }

    private static boolean isEmptyCollection(Object value) {
        return (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
    }
}
