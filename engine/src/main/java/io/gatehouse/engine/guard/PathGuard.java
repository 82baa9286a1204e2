package io.gatehouse.engine.guard;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.lang.UCharacter;
import io.gatehouse.engine.guard.PathGuardConfig.DotSegments;
import io.gatehouse.engine.guard.PathGuardConfig.Style;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a file-path argument against an allowlist of globs after canonicalisation. Compiled once
 * from a {@link PathGuardConfig}; {@link #check(String)} is thread-safe and does no parsing of
 * configuration.
 *
 * <p>Every plausible reading of the raw value must be allowed: the value as given and once
 * percent-decoded (when it contains {@code %XX}), before and after NFC normalisation, and — on a
 * POSIX server — with a backslash as a separator and as a literal character. If the readings
 * disagree, the verdict is {@code PATH_AMBIGUOUS}. See {@code docs/argument-guards.md}.
 */
public final class PathGuard implements ValueGuard {

    private final PathGuardConfig config;
    private final PathCanonicalizer canonicalizer;
    private final List<PathGlob> allowed;
    private final boolean caseSensitive;
    private final Path symlinkRoot;

    private PathGuard(
            PathGuardConfig config,
            PathCanonicalizer canonicalizer,
            List<PathGlob> allowed,
            boolean caseSensitive,
            Path symlinkRoot) {
        this.config = config;
        this.canonicalizer = canonicalizer;
        this.allowed = allowed;
        this.caseSensitive = caseSensitive;
        this.symlinkRoot = symlinkRoot;
    }

    /**
     * Compiles {@code config}.
     *
     * @throws IllegalArgumentException naming the glob, base or root that is not absolute and canonical
     */
    public static PathGuard compile(PathGuardConfig config) {
        requireNonNull(config, "config");
        boolean caseSensitive = config.caseSensitive() && config.style() == Style.POSIX;
        PathCanonicalizer plain = new PathCanonicalizer(config.style(), DotSegments.DENY, null, false);
        PathCanonicalizer globs = new PathCanonicalizer(config.style(), DotSegments.DENY, null, true);
        String base = null;
        if (config.relativeBase().isPresent()) {
            var outcome = plain.canonicalize(config.relativeBase().get(), true);
            if (!outcome.ok()) {
                throw new IllegalArgumentException(
                        "relativeBase: '" + config.relativeBase().get() + "' is not an absolute canonical path ("
                                + outcome.problem().detail() + ")");
            }
            base = outcome.canonical();
        }
        List<PathGlob> compiled = new ArrayList<>();
        for (String glob : config.allowed()) {
            requireNonNull(glob, "allowed contains null");
            if (PathText.scanCharacters(glob) != null) {
                throw new IllegalArgumentException("allowed: '" + glob + "' contains control or confusable characters");
            }
            var outcome = globs.canonicalize(PathText.nfc(glob), true);
            if (!outcome.ok()) {
                throw new IllegalArgumentException("allowed: '" + glob + "' is not an absolute canonical glob"
                        + " (" + outcome.problem().detail() + ")"
                        + " (expected e.g. /srv/data/** or C:\\data\\**)");
            }
            List<String> segments = outcome.segments().stream()
                    .map(s -> caseSensitive ? s : fold(s))
                    .toList();
            compiled.add(PathGlob.compile(glob, rootOf(outcome.canonical()), segments));
        }
        Path symlinkRoot = null;
        if (config.symlinkRoot().isPresent()) {
            try {
                symlinkRoot = config.symlinkRoot().get().toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "symlinkRoot: '" + config.symlinkRoot().get() + "' does not exist or is not readable", e);
            }
            if (!Files.isDirectory(symlinkRoot)) {
                throw new IllegalArgumentException("symlinkRoot: '" + symlinkRoot + "' is not a directory");
            }
        }
        return new PathGuard(
                config,
                new PathCanonicalizer(config.style(), config.dotSegments(), base, false),
                List.copyOf(compiled),
                caseSensitive,
                symlinkRoot);
    }

    /** Checks one raw path argument. Never throws for hostile input. */
    @Override
    public GuardVerdict check(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return GuardVerdict.deny(GuardReason.PATH_EMPTY, "", "empty path");
        }
        if (rawPath.length() > config.maxLength()) {
            return GuardVerdict.deny(
                    GuardReason.PATH_TOO_LONG, "", rawPath.length() + " characters (limit " + config.maxLength() + ")");
        }
        Problem problem = PathText.scanCharacters(rawPath);
        if (problem == null) {
            problem = PathText.nonStandardEscape(rawPath);
        }
        if (problem != null) {
            return deny(problem, "");
        }
        String decoded = rawPath;
        if (PathText.hasPercentEscape(rawPath)) {
            String[] out = new String[1];
            problem = PathText.percentDecode(rawPath, out);
            if (problem == null) {
                problem = PathText.scanCharacters(out[0]);
            }
            if (problem != null) {
                return deny(problem, "");
            }
            decoded = out[0];
        }
        problem = PathText.compatibilityFolds(decoded);
        if (problem == null && !decoded.equals(rawPath)) {
            problem = PathText.compatibilityFolds(rawPath);
        }
        if (problem != null) {
            return deny(problem, "");
        }

        String primary = PathText.nfc(decoded);
        GuardVerdict verdict = evaluate(primary, true);
        if (!verdict.allowed()) {
            return verdict;
        }
        List<Reading> readings = new ArrayList<>(4);
        if (!decoded.equals(primary)) {
            readings.add(new Reading(decoded, true, "without Unicode normalisation"));
        }
        if (!rawPath.equals(decoded)) {
            readings.add(new Reading(rawPath, true, "without percent-decoding"));
        }
        if (config.style() == Style.POSIX && primary.indexOf('\\') >= 0) {
            readings.add(new Reading(primary, false, "backslash as a literal character"));
        }
        for (Reading reading : readings) {
            GuardVerdict other = evaluate(reading.text(), reading.backslashSeparates());
            if (!other.allowed()) {
                return GuardVerdict.deny(
                        GuardReason.PATH_AMBIGUOUS,
                        verdict.canonical(),
                        "another reading of the path (" + reading.description() + ") is denied with "
                                + other.reasonKey());
            }
        }
        if (symlinkRoot != null) {
            return symlinkFree(verdict.canonical());
        }
        return verdict;
    }

    /** The configuration this guard was compiled from. */
    public PathGuardConfig config() {
        return config;
    }

    private GuardVerdict evaluate(String reading, boolean backslashSeparates) {
        var outcome = canonicalizer.canonicalize(reading, backslashSeparates);
        if (!outcome.ok()) {
            return deny(outcome.problem(), "");
        }
        String root = rootOf(outcome.canonical());
        List<String> segments = caseSensitive
                ? outcome.segments()
                : outcome.segments().stream().map(PathGuard::fold).toList();
        for (PathGlob glob : allowed) {
            if (glob.matches(root, segments)) {
                return GuardVerdict.allow(outcome.canonical());
            }
        }
        return GuardVerdict.deny(
                GuardReason.PATH_OUTSIDE_ALLOWLIST, outcome.canonical(), "path matches no allowed glob");
    }

    private GuardVerdict symlinkFree(String canonical) {
        Path current = symlinkRoot;
        String relative = canonical.startsWith("/") ? canonical.substring(1) : canonical.replaceFirst(":/?", "/");
        try {
            for (String segment : relative.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                current = current.resolve(segment);
                if (!current.startsWith(symlinkRoot)) {
                    return GuardVerdict.deny(
                            GuardReason.PATH_SYMLINK, canonical, "segment escapes the filesystem root");
                }
                if (Files.isSymbolicLink(current)) {
                    return GuardVerdict.deny(
                            GuardReason.PATH_SYMLINK, canonical, "a path component is a symbolic link");
                }
                if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    break; // the rest does not exist yet (e.g. a file about to be created)
                }
            }
        } catch (RuntimeException e) {
            return GuardVerdict.deny(
                    GuardReason.PATH_SYMLINK, canonical, "could not verify the path on the filesystem");
        }
        return GuardVerdict.allow(canonical);
    }

    private record Reading(String text, boolean backslashSeparates, String description) {}

    private static String rootOf(String canonical) {
        return canonical.startsWith("/") ? "" : canonical.substring(0, 2);
    }

    private static String fold(String s) {
        return UCharacter.foldCase(s, UCharacter.FOLD_CASE_DEFAULT);
    }

    private static GuardVerdict deny(Problem problem, String canonical) {
        return GuardVerdict.deny(problem.reason(), canonical, problem.detail());
    }
}
