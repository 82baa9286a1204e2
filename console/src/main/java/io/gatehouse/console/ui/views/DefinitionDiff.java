package io.gatehouse.console.ui.views;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The reviewable difference between a pinned (old) and a discovered (new) tool definition: the fields a
 * pin covers (title, description, input and output schema, annotations), each printed as canonical,
 * key-sorted, indented JSON (a description as its own lines of text) and compared line by line (longest
 * common subsequence), so a changed word in a description or one new schema property shows as exactly
 * the lines that differ. A plain object: {@link ServerToolsDialog} renders it, tests read {@link #text()}.
 *
 * @param sections one per pinned field present on either side, in a fixed order
 */
public record DefinitionDiff(List<Section> sections) {
    /** The pinned fields, in display order. */
    static final List<String> FIELDS = List.of("title", "description", "inputSchema", "outputSchema", "annotations");

    /** Above this many lines per side a section is shown as all removed and all added (no LCS table). */
    static final int MAX_LINES = 2_000;

    public DefinitionDiff {
        sections = List.copyOf(sections);
    }

    /** How one line compares. */
    public enum Kind {
        SAME(' '),
        REMOVED('-'),
        ADDED('+');

        private final char marker;

        Kind(char marker) {
            this.marker = marker;
        }

        public char marker() {
            return marker;
        }
    }

    /** One line of a section, with its line numbers on the old and the new side (0 where absent). */
    public record Line(Kind kind, String text, int oldNumber, int newNumber) {}

    /** One pinned field: whether it changed, and its lines. */
    public record Section(String field, boolean changed, List<Line> lines) {
        public Section {
            lines = List.copyOf(lines);
        }
    }

    /** Compares {@code pinned} (null for a new tool) with {@code discovered} (null for a removed one). */
    public static DefinitionDiff between(JsonNode pinned, JsonNode discovered) {
        List<Section> sections = new ArrayList<>();
        for (String field : FIELDS) {
            JsonNode oldValue = pinned == null ? null : pinned.get(field);
            JsonNode newValue = discovered == null ? null : discovered.get(field);
            if (absent(oldValue) && absent(newValue)) {
                continue;
            }
            List<String> oldLines = absent(oldValue) ? List.of() : render(oldValue);
            List<String> newLines = absent(newValue) ? List.of() : render(newValue);
            List<Line> lines = compare(oldLines, newLines);
            boolean changed = lines.stream().anyMatch(l -> l.kind() != Kind.SAME);
            sections.add(new Section(field, changed, lines));
        }
        return new DefinitionDiff(sections);
    }

    /** Whether any pinned field differs. */
    public boolean changed() {
        return sections.stream().anyMatch(Section::changed);
    }

    /** The fields that differ, in display order. */
    public List<String> changedFields() {
        return sections.stream().filter(Section::changed).map(Section::field).toList();
    }

    /**
     * A unified-diff text: {@code @@ field} headers, then {@code ' '}, {@code '-'} or {@code '+'} and the
     * line; unchanged sections show only their header with {@code (unchanged)}.
     */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Section section : sections) {
            out.append("@@ ").append(section.field());
            if (!section.changed()) {
                out.append(" (unchanged)\n");
                continue;
            }
            out.append('\n');
            for (Line line : section.lines()) {
                out.append(line.kind().marker()).append(' ').append(line.text()).append('\n');
            }
        }
        return out.toString();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** Canonical lines: a text value as its own lines, anything else as key-sorted indented JSON. */
    static List<String> render(JsonNode value) {
        List<String> lines = new ArrayList<>();
        if (value.isTextual()) {
            value.textValue().lines().forEach(lines::add);
            if (lines.isEmpty()) {
                lines.add("");
            }
            return lines;
        }
        StringBuilder current = new StringBuilder();
        print(value, 0, current, lines);
        lines.add(current.toString());
        return lines;
    }

    private static void print(JsonNode node, int depth, StringBuilder current, List<String> lines) {
        String indent = "  ".repeat(depth + 1);
        String closing = "  ".repeat(depth);
        if (node.isObject()) {
            if (node.isEmpty()) {
                current.append("{}");
                return;
            }
            current.append('{');
            List<String> names = new ArrayList<>(new TreeSet<>(iterable(node)));
            for (int i = 0; i < names.size(); i++) {
                lines.add(current.toString());
                current.setLength(0);
                current.append(indent).append(quote(names.get(i))).append(": ");
                print(node.get(names.get(i)), depth + 1, current, lines);
                if (i < names.size() - 1) {
                    current.append(',');
                }
            }
            lines.add(current.toString());
            current.setLength(0);
            current.append(closing).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                current.append("[]");
                return;
            }
            current.append('[');
            for (int i = 0; i < node.size(); i++) {
                lines.add(current.toString());
                current.setLength(0);
                current.append(indent);
                print(node.get(i), depth + 1, current, lines);
                if (i < node.size() - 1) {
                    current.append(',');
                }
            }
            lines.add(current.toString());
            current.setLength(0);
            current.append(closing).append(']');
        } else {
            current.append(node.toString());
        }
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String quote(String name) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(name).toString();
    }

    /** Line diff by longest common subsequence; removed lines come before added ones at each change. */
    static List<Line> compare(List<String> old, List<String> now) {
        Objects.requireNonNull(old, "old");
        Objects.requireNonNull(now, "now");
        List<Line> out = new ArrayList<>();
        int n = old.size();
        int m = now.size();
        if (n > MAX_LINES || m > MAX_LINES) {
            for (int i = 0; i < n; i++) {
                out.add(new Line(Kind.REMOVED, old.get(i), i + 1, 0));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Line(Kind.ADDED, now.get(j), 0, j + 1));
            }
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] =
                        old.get(i).equals(now.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && old.get(i).equals(now.get(j))) {
                out.add(new Line(Kind.SAME, old.get(i), i + 1, j + 1));
                i++;
                j++;
            } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line(Kind.REMOVED, old.get(i), i + 1, 0));
                i++;
            } else {
                out.add(new Line(Kind.ADDED, now.get(j), 0, j + 1));
                j++;
            }
        }
        return out;
    }
}
