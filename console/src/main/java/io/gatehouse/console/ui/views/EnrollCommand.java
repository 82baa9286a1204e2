package io.gatehouse.console.ui.views;

import java.util.Objects;
import java.util.regex.Pattern;

/** The exact command that enrolls a data plane with a fresh enrollment token. */
public final class EnrollCommand {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private EnrollCommand() {}

    public static String of(String controlPlaneUrl, String token) {
        Objects.requireNonNull(controlPlaneUrl, "controlPlaneUrl");
        Objects.requireNonNull(token, "token");
        return "./gatehouse data-plane enroll --control-plane " + quote(controlPlaneUrl) + " --token " + quote(token);
    }

    static String quote(String value) {
        return SHELL_SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
