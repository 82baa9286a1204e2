package io.gatehouse.protocol.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.protocol.signing.CanonicalJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The difference between an approved tool list and an announced one, for the approval flow: tools added,
 * tools removed, and for each changed tool the pinned fields that differ with their old and new values.
 * Objects are compared member by member; arrays of equal length element by element, arrays of different
 * length as a whole; scalars by their canonical JSON (so {@code 1} and {@code 1.0} are equal, as in the
 * fingerprint). Lists are ordered by tool name, field changes by pointer, so the output is deterministic.
 *
 * @param added tools announced but not approved
 * @param removed tools approved but no longer announced
 * @param changed tools present in both whose pinned fields differ
 */
public record ToolDiff(List<ToolDefinition> added, List<ToolDefinition> removed, List<ToolChange> changed) {

    public ToolDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /**
     * Compares two tool lists by name.
     *
     * @throws IllegalArgumentException if a list holds one name twice (such a list cannot be approved)
     */
    public static ToolDiff between(Collection<ToolDefinition> approved, Collection<ToolDefinition> announced) {
        Map<String, ToolDefinition> before = byName(approved, "approved");
        Map<String, ToolDefinition> after = byName(announced, "announced");
        List<ToolDefinition> added = new ArrayList<>();
        List<ToolDefinition> removed = new ArrayList<>();
        List<ToolChange> changed = new ArrayList<>();
        for (String name : new TreeSet<>(union(before, after))) {
            ToolDefinition old = before.get(name);
            ToolDefinition now = after.get(name);
            if (old == null) {
                added.add(now);
            } else if (now == null) {
                removed.add(old);
            } else {
                ToolChange change = between(old, now);
                if (!change.isUnchanged()) {
                    changed.add(change);
                }
            }
        }
        return new ToolDiff(added, removed, changed);
    }

    /** Compares two versions of one tool. */
    public static ToolChange between(ToolDefinition approved, ToolDefinition announced) {
        Objects.requireNonNull(approved, "approved");
        Objects.requireNonNull(announced, "announced");
        List<FieldChange> fields = new ArrayList<>();
        compare(ToolFingerprint.pinnedFields(approved), ToolFingerprint.pinnedFields(announced), "", fields);
        fields.sort(Comparator.comparing(FieldChange::pointer));
        return new ToolChange(announced.name(), ToolFingerprint.of(approved), ToolFingerprint.of(announced), fields);
    }

    /** True when the lists are equivalent under pinning. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** Human-readable report, one line per added or removed tool and per changed field. */
    public String describe() {
        if (isEmpty()) {
            return "no changes";
        }
        List<String> lines = new ArrayList<>();
        for (ToolDefinition tool : added) {
            lines.add("added tool '" + tool.name() + "' (" + ToolFingerprint.of(tool) + ")");
        }
        for (ToolDefinition tool : removed) {
            lines.add("removed tool '" + tool.name() + "' (" + ToolFingerprint.of(tool) + ")");
        }
        for (ToolChange change : changed) {
            lines.add(change.describe());
        }
        return String.join("\n", lines);
    }

    /**
     * JSON form for the control-plane API: {@code {"added":[{name,fingerprint,definition}],
     * "removed":[...], "changed":[{name,oldFingerprint,newFingerprint,fields:[{pointer,kind,old,new}]}]}}
     * where {@code definition} is the pinned-fields object and {@code old}/{@code new} are omitted when absent.
     */
    public ObjectNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode out = json.objectNode();
        out.set("added", toolsJson(added));
        out.set("removed", toolsJson(removed));
        ArrayNode changedJson = out.putArray("changed");
        for (ToolChange change : changed) {
            ObjectNode item = changedJson.addObject();
            item.put("name", change.name());
            item.put("oldFingerprint", change.oldFingerprint().value());
            item.put("newFingerprint", change.newFingerprint().value());
            ArrayNode fieldsJson = item.putArray("fields");
            for (FieldChange field : change.fields()) {
                ObjectNode f = fieldsJson.addObject();
                f.put("pointer", field.pointer());
                f.put("kind", field.kind().name());
                if (field.oldValue() != null) {
                    f.set("old", field.oldValue());
                }
                if (field.newValue() != null) {
                    f.set("new", field.newValue());
                }
            }
        }
        return out;
    }

    private static ArrayNode toolsJson(List<ToolDefinition> tools) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ToolDefinition tool : tools) {
            ObjectNode item = array.addObject();
            item.put("name", tool.name());
            item.put("fingerprint", ToolFingerprint.of(tool).value());
            item.set("definition", ToolFingerprint.pinnedFields(tool));
        }
        return array;
    }

    private static void compare(JsonNode old, JsonNode now, String pointer, List<FieldChange> out) {
        if (old.isObject() && now.isObject()) {
            for (String name : new TreeSet<>(fieldNames(old, now))) {
                String child = pointer + "/" + JsonPointers.escape(name);
                JsonNode a = old.get(name);
                JsonNode b = now.get(name);
                if (a == null) {
                    out.add(new FieldChange(child, FieldChange.Kind.ADDED, null, b));
                } else if (b == null) {
                    out.add(new FieldChange(child, FieldChange.Kind.REMOVED, a, null));
                } else {
                    compare(a, b, child, out);
                }
            }
        } else if (old.isArray() && now.isArray() && old.size() == now.size()) {
            for (int i = 0; i < old.size(); i++) {
                compare(old.get(i), now.get(i), pointer + "/" + i, out);
            }
        } else if (!CanonicalJson.string(old).equals(CanonicalJson.string(now))) {
            out.add(new FieldChange(pointer, FieldChange.Kind.CHANGED, old, now));
        }
    }

    private static List<String> fieldNames(JsonNode a, JsonNode b) {
        List<String> names = new ArrayList<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Map<String, ToolDefinition> byName(Collection<ToolDefinition> tools, String label) {
        Objects.requireNonNull(tools, label);
        Map<String, ToolDefinition> map = new LinkedHashMap<>();
        for (ToolDefinition tool : tools) {
            if (map.put(tool.name(), tool) != null) {
                throw new IllegalArgumentException(label + " tools: duplicate name '" + tool.name() + "'");
            }
        }
        return map;
    }

    private static List<String> union(Map<String, ToolDefinition> a, Map<String, ToolDefinition> b) {
        List<String> names = new ArrayList<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
