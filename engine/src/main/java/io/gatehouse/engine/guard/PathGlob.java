package io.gatehouse.engine.guard;

import io.gatehouse.engine.match.GlobMatcher;
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
        return root.equals(pathRoot) && match(path);
    }

    /**
     * Wildcard matching over segments with a single backtrack point (the classic algorithm for
     * {@code *}, with {@code **} as the star): {@code O(path x glob)} in the worst case, whatever
     * the number of {@code **} segments, so no glob can make a hostile path expensive.
     */
    private boolean match(List<String> path) {
        int p = 0;
        int g = 0;
        int starG = -1;
        int starP = 0;
        int n = path.size();
        while (p < n) {
            if (g < segments.length && segments[g] != null && segments[g].matches(path.get(p))) {
                g++;
                p++;
            } else if (g < segments.length && segments[g] == null) {
                starG = g++;
                starP = p;
            } else if (starG >= 0) {
                g = starG + 1;
                p = ++starP;
            } else {
                return false;
            }
        }
        while (g < segments.length && segments[g] == null) {
            g++;
        }
        return g == segments.length;
    }

    String pattern() {
        return pattern;
    }
}
