package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Configuration of a {@link PathGuard}. Start from {@link #allowing(List)} (safe defaults) and
 * adjust with the {@code with*} methods.
 *
 * @param allowed absolute globs the canonical path must match, e.g. {@code /srv/data/**}: {@code **}
 *     (a whole segment) matches zero or more segments, {@code *} any run within a segment, {@code ?}
 *     one character. {@code /srv/data/**} matches {@code /srv/data} itself and everything below it
 * @param style how the MCP server reads paths: {@link Style#POSIX} (default) or {@link Style#WINDOWS}
 * @param caseSensitive whether allowlist matching is case-sensitive (default true; always false for
 *     {@link Style#WINDOWS})
 * @param dotSegments what a {@code ..} segment does: {@link DotSegments#DENY} (default) or
 *     {@link DotSegments#RESOLVE} lexically (never above the root)
 * @param relativeBase absolute directory relative paths are resolved against; empty (default) means
 *     relative paths are denied, because the server's working directory is unknown
 * @param symlinkRoot when present, the real directory that corresponds to the MCP server's {@code /}
 *     (e.g. a shared volume): every existing component of the canonical path is checked with
 *     {@code NOFOLLOW_LINKS} and a symbolic link anywhere denies; empty (default) means purely
 *     lexical checking
 * @param maxLength longest accepted raw value in UTF-16 units (default 4096)
 */
public record PathGuardConfig(
        List<String> allowed,
        Style style,
        boolean caseSensitive,
        DotSegments dotSegments,
        Optional<String> relativeBase,
        Optional<Path> symlinkRoot,
        int maxLength) {

    /** Path syntax of the MCP server the argument is for. */
    public enum Style {
        /** {@code /} is the separator; a backslash is treated as a separator too and as a literal. */
        POSIX,
        /** {@code \} and {@code /} separate; absolute paths carry a drive letter ({@code C:\data}). */
        WINDOWS
    }

    /** Treatment of {@code ..} segments. */
    public enum DotSegments {
        /** Any {@code ..} segment denies ({@code PATH_TRAVERSAL}). */
        DENY,
        /** {@code ..} removes the previous segment; climbing above the root denies. */
        RESOLVE
    }

    public PathGuardConfig {
        allowed = List.copyOf(requireNonNull(allowed, "allowed"));
        requireNonNull(style, "style");
        requireNonNull(dotSegments, "dotSegments");
        requireNonNull(relativeBase, "relativeBase");
        requireNonNull(symlinkRoot, "symlinkRoot");
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException(
                    "allowed: empty (expected: at least one absolute glob such as /srv/data/**)");
        }
        if (maxLength < 1 || maxLength > 65_536) {
            throw new IllegalArgumentException("maxLength: " + maxLength + " (expected: 1..65536)");
        }
    }

    /** Safe defaults: POSIX, case-sensitive, {@code ..} denied, no relative paths, lexical only. */
    public static PathGuardConfig allowing(List<String> allowed) {
        return new PathGuardConfig(
                allowed, Style.POSIX, true, DotSegments.DENY, Optional.empty(), Optional.empty(), 4096);
    }

    public PathGuardConfig withStyle(Style newStyle) {
        return new PathGuardConfig(allowed, newStyle, caseSensitive, dotSegments, relativeBase, symlinkRoot, maxLength);
    }

    public PathGuardConfig withCaseSensitive(boolean value) {
        return new PathGuardConfig(allowed, style, value, dotSegments, relativeBase, symlinkRoot, maxLength);
    }

    public PathGuardConfig withDotSegments(DotSegments value) {
        return new PathGuardConfig(allowed, style, caseSensitive, value, relativeBase, symlinkRoot, maxLength);
    }

    public PathGuardConfig withRelativeBase(String base) {
        return new PathGuardConfig(
                allowed, style, caseSensitive, dotSegments, Optional.of(base), symlinkRoot, maxLength);
    }

    public PathGuardConfig withSymlinkRoot(Path root) {
        return new PathGuardConfig(
                allowed, style, caseSensitive, dotSegments, relativeBase, Optional.of(root), maxLength);
    }

    public PathGuardConfig withMaxLength(int value) {
        return new PathGuardConfig(allowed, style, caseSensitive, dotSegments, relativeBase, symlinkRoot, value);
    }
}
