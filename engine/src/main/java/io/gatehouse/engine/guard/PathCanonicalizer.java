package io.gatehouse.engine.guard;

import io.gatehouse.engine.guard.PathGuardConfig.DotSegments;
import io.gatehouse.engine.guard.PathGuardConfig.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lexical canonicalisation of one interpretation of a path: separators, drive/UNC forms, dot
 * segments, Windows name quirks. Input has already passed the character checks. Immutable.
 */
final class PathCanonicalizer {

    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "con",
            "prn",
            "aux",
            "nul",
            "conin$",
            "conout$",
            "com1",
            "com2",
            "com3",
            "com4",
            "com5",
            "com6",
            "com7",
            "com8",
            "com9",
            "com\u00b9",
            "com\u00b2",
            "com\u00b3",
            "lpt1",
            "lpt2",
            "lpt3",
            "lpt4",
            "lpt5",
            "lpt6",
            "lpt7",
            "lpt8",
            "lpt9",
            "lpt\u00b9",
            "lpt\u00b2",
            "lpt\u00b3");

    /** Result: either {@code canonical} (and {@code segments}) or a problem. */
    record Outcome(String canonical, List<String> segments, Problem problem) {
        boolean ok() {
            return problem == null;
        }

        static Outcome fail(GuardReason reason, String detail) {
            return new Outcome(null, null, new Problem(reason, detail));
        }
    }

    private final Style style;
    private final DotSegments dotSegments;
    private final String relativeBase;
    /** Compiling an allowlist glob: {@code * ?} are pattern syntax, not Windows wildcards. */
    private final boolean globMode;

    PathCanonicalizer(Style style, DotSegments dotSegments, String relativeBase, boolean globMode) {
        this.style = style;
        this.dotSegments = dotSegments;
        this.relativeBase = relativeBase;
        this.globMode = globMode;
    }

    /**
     * Canonicalises {@code path}.
     *
     * @param backslashSeparates whether {@code \} is a separator in this interpretation (always for
     *     WINDOWS)
     */
    Outcome canonicalize(String path, boolean backslashSeparates) {
        String s = backslashSeparates || style == Style.WINDOWS ? path.replace('\\', '/') : path;
        if (s.isEmpty()) {
            return Outcome.fail(GuardReason.PATH_EMPTY, "empty path");
        }
        if (s.startsWith("//")) {
            return Outcome.fail(GuardReason.PATH_DEVICE_OR_UNC, "UNC, device or '//' path");
        }
        String root;
        boolean driveForm = s.length() >= 2 && isAsciiLetter(s.charAt(0)) && s.charAt(1) == ':';
        if (style == Style.POSIX) {
            if (driveForm) {
                return Outcome.fail(GuardReason.PATH_DRIVE, "Windows drive path on a POSIX server");
            }
            root = "";
        } else {
            if (!driveForm) {
                return s.startsWith("/")
                        ? Outcome.fail(
                                GuardReason.PATH_RELATIVE,
                                "path without a drive letter (relative to the current drive)")
                        : relativeOrFail(s, true);
            }
            if (s.length() == 2 || s.charAt(2) != '/') {
                return Outcome.fail(GuardReason.PATH_RELATIVE, "drive-relative path (no separator after the drive)");
            }
            root = Character.toLowerCase(s.charAt(0)) + ":";
            s = s.substring(2);
        }
        if (!s.startsWith("/")) {
            Outcome relative = relativeOrFail(s, false);
            if (!relative.ok()) {
                return relative;
            }
            s = relative.canonical();
        }
        List<String> segments = new ArrayList<>();
        int i = 1;
        while (i <= s.length()) {
            int next = s.indexOf('/', i);
            if (next < 0) {
                next = s.length();
            }
            String segment = s.substring(i, next);
            i = next + 1;
            if (segment.isEmpty() || segment.equals(".")) {
                continue; // repeated separators and '.' collapse
            }
            if (segment.equals("..")) {
                if (dotSegments == DotSegments.DENY) {
                    return Outcome.fail(GuardReason.PATH_TRAVERSAL, "'..' segment (dot segments are not allowed)");
                }
                if (segments.isEmpty()) {
                    return Outcome.fail(GuardReason.PATH_TRAVERSAL, "'..' climbs above the root");
                }
                segments.remove(segments.size() - 1);
                continue;
            }
            Problem problem = checkSegment(segment);
            if (problem != null) {
                return new Outcome(null, null, problem);
            }
            segments.add(segment);
        }
        String canonical = root + "/" + String.join("/", segments);
        return new Outcome(canonical, List.copyOf(segments), null);
    }

    private Outcome relativeOrFail(String s, boolean windowsNoDrive) {
        String first = s.contains("/") ? s.substring(0, s.indexOf('/')) : s;
        if (first.startsWith("~")) {
            return Outcome.fail(GuardReason.PATH_AMBIGUOUS, "'~' home-directory expansion");
        }
        if (relativeBase == null) {
            return Outcome.fail(GuardReason.PATH_RELATIVE, "relative path and no relative base is configured");
        }
        if (windowsNoDrive) {
            return canonicalize(relativeBase + "/" + s, true);
        }
        // POSIX: the base is canonical and absolute
        return new Outcome(relativeBase + "/" + s, null, null);
    }

    private Problem checkSegment(String segment) {
        if (segment.length() > 2 && segment.chars().allMatch(c -> c == '.')) {
            return new Problem(GuardReason.PATH_AMBIGUOUS, "segment of only dots ('...'), read differently by Windows");
        }
        if (segment.startsWith("~") && segment.length() == 1) {
            return new Problem(GuardReason.PATH_AMBIGUOUS, "'~' segment");
        }
        if (style == Style.WINDOWS) {
            char last = segment.charAt(segment.length() - 1);
            if (last == '.' || last == ' ') {
                return new Problem(GuardReason.PATH_AMBIGUOUS, "segment ends in '.' or space, which Windows strips");
            }
            if (segment.indexOf(':') >= 0) {
                return new Problem(GuardReason.PATH_AMBIGUOUS, "':' inside a segment (alternate data stream)");
            }
            if (hasAny(segment, globMode ? "<>\"|" : "<>\"|?*")) {
                return new Problem(GuardReason.PATH_AMBIGUOUS, "Windows wildcard or reserved character");
            }
            String lower = segment.toLowerCase(Locale.ROOT);
            int dot = lower.indexOf('.');
            String stem = (dot < 0 ? lower : lower.substring(0, dot)).stripTrailing();
            if (WINDOWS_DEVICES.contains(stem)) {
                return new Problem(GuardReason.PATH_DEVICE_OR_UNC, "Windows device name");
            }
            if (hasShortNameMarker(segment)) {
                return new Problem(GuardReason.PATH_AMBIGUOUS, "8.3 short name ('~1'), an alias of another name");
            }
        }
        return null;
    }

    private static boolean hasAny(String segment, String characters) {
        for (int i = 0; i < segment.length(); i++) {
            if (characters.indexOf(segment.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasShortNameMarker(String segment) {
        for (int i = segment.indexOf('~'); i >= 0 && i + 1 < segment.length(); i = segment.indexOf('~', i + 1)) {
            char next = segment.charAt(i + 1);
            if (next >= '0' && next <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
