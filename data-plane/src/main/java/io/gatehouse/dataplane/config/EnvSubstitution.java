package io.gatehouse.dataplane.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration text. An unset variable
 * without a default is an error naming the variable and the line; {@code $${} stands for a literal
 * {@code ${}.
 */
final class EnvSubstitution {

    private static final Pattern REFERENCE =
            Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$\\{[^}]*}?");

    private EnvSubstitution() {}

    static String apply(String text, Function<String, String> env) throws ConfigException {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            last = m.end();
            String match = m.group();
            if (match.equals("$${")) {
                out.append("${");
                continue;
            }
            String name = m.group(1);
            int line = lineOf(text, m.start());
            if (name == null) {
                throw new ConfigException("line " + line + ": malformed variable reference '" + match
                        + "' (expected: ${NAME} or ${NAME:-default})");
            }
            String value = env.apply(name);
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                if (m.group(2) == null) {
                    throw new ConfigException("line " + line + ": environment variable " + name + " is not set");
                }
                value = m.group(2);
            }
            out.append(value);
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
