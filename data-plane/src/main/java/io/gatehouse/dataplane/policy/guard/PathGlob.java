package io.gatehouse.dataplane.policy.guard;

import io.gatehouse.dataplane.policy.match.GlobMatcher;
import java.util.List;

/**
 * One compiled allowlist glob over canonical path segments: {@code **} (a whole segment) matches zero
 * or more segments, other segments are {@link GlobMatcher} patterns ({@code *}, {@code ?}) that never
 * cross a separator. Immutable.
 */
final class PathGlob {

    private final String root;
    private final String pattern;
    /** null entries stand for {@code **}. */
    private final GlobMatcher[] segments;

    private PathGlob(String root, String pattern, GlobMatcher[] segments) {
        this.root = root;
        this.pattern = pattern;
        this.segments = segments;
    }

    /**
     * @param root {@code ""} for POSIX, {@code "c:"} for a Windows drive
     * @param segments the canonical segments of the glob (already case-folded when insensitive)
     */
    static PathGlob compile(String pattern, String root, List<String> segments) {
        GlobMatcher[] compiled = new GlobMatcher[segments.size()];
        for (int i = 0; i < compiled.length; i++) {
            String segment = segments.get(i);
            if (segment.equals("**")) {
                compiled[i] = null;
            } else if (segment.contains("**")) {
                throw new IllegalArgumentException(
                        "allowed: '" + pattern + "' uses '**' inside a segment (expected: '**' as a whole segment)");
            } else {
                compiled[i] = GlobMatcher.compile(segment, true);
            }
        }
        return new PathGlob(root, pattern, compiled);
    }

    boolean matches(String pathRoot, List<String> path) {
        return root.equals(pathRoot) && match(0, path, 0);
    }

    private boolean match(int g, List<String> path, int p) {
        while (g < segments.length) {
            GlobMatcher m = segments[g];
            if (m == null) {
                if (g == segments.length - 1) {
                    return true;
                }
                for (int skip = p; skip <= path.size(); skip++) {
                    if (match(g + 1, path, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (p >= path.size() || !m.matches(path.get(p))) {
                return false;
            }
            g++;
            p++;
        }
        return p == path.size();
    }

    String pattern() {
        return pattern;
    }
}
