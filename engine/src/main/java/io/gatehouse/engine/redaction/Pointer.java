package io.gatehouse.engine.redaction;

/**
 * An RFC 6901 JSON pointer built lazily while walking a tree: a node per step, rendered to text only when a
 * finding needs it, so strings without findings cost no string building.
 */
final class Pointer {

    static final Pointer ROOT = new Pointer(null, null, -1);

    private final Pointer parent;
    private final String member;
    private final int index;

    private Pointer(Pointer parent, String member, int index) {
        this.parent = parent;
        this.member = member;
        this.index = index;
    }

    Pointer member(String name) {
        return new Pointer(this, name, -1);
    }

    Pointer index(int i) {
        return new Pointer(this, null, i);
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        append(sb);
        return sb.toString();
    }

    private void append(StringBuilder sb) {
        if (parent == null) {
            return;
        }
        parent.append(sb);
        sb.append('/');
        if (member != null) {
            sb.append(member.replace("~", "~0").replace("/", "~1"));
        } else {
            sb.append(index);
        }
    }
}
