package io.gatehouse.dataplane.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code gatehouse data-plane enroll --control-plane URL (--token TOKEN | --token-file FILE) [--state-dir DIR]
 * [--name NAME]}: enrolls this agent and writes its state directory. The token may also come from the environment
 * variable {@value #TOKEN_ENV} (keeps it out of the process list). Exit status: 0 enrolled, 1 enrollment failed,
 * 2 usage error. Neither the token nor any key is ever printed.
 */
public final class EnrollCommand {

    public static final String TOKEN_ENV = "GATEHOUSE_ENROLLMENT_TOKEN";
    public static final Path DEFAULT_STATE_DIR = Path.of(".gatehouse", "agent");

    static final String USAGE = """
            usage: gatehouse data-plane enroll --control-plane URL --token TOKEN [--state-dir DIR] [--name NAME]
              --control-plane URL  the control plane's base URL (https://cp.example.com)
              --token TOKEN        the enrollment token shown when an admin created it
              --token-file FILE    read the token from FILE instead (or set %s)
              --state-dir DIR      where the agent keeps its identity and bundles (default: %s)
              --name NAME          the agent's name in the fleet view (default: this host's name)
            """.formatted(TOKEN_ENV, DEFAULT_STATE_DIR);

    private EnrollCommand() {}

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, Function<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("gatehouse data-plane enroll: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.containsKey("--help")) {
            out.print(USAGE);
            return 0;
        }
        String controlPlane = options.get("--control-plane");
        if (controlPlane == null) {
            err.println("gatehouse data-plane enroll: --control-plane is required");
            err.print(USAGE);
            return 2;
        }
        String token;
        try {
            token = token(options, env);
        } catch (IllegalArgumentException e) {
            err.println("gatehouse data-plane enroll: " + e.getMessage());
            return 2;
        }
        Path stateDir = options.containsKey("--state-dir") ? Path.of(options.get("--state-dir")) : DEFAULT_STATE_DIR;
        if (controlPlane.startsWith("http://") && !isLoopback(controlPlane)) {
            err.println("gatehouse data-plane enroll: warning: " + controlPlane
                    + " is not HTTPS; the token and the trust set travel unprotected");
        }
        try {
            EnrolledState state = new Enrollment(clock)
                    .enroll(stateDir, controlPlane, token, options.get("--name"), FleetAgent.agentVersion());
            out.println("gatehouse data-plane: enrolled as agent " + state.agentId() + " (tenant " + state.tenantId()
                    + ", group " + state.groupId() + "); state in " + state.stateDir());
            out.println("start it with a config containing:  fleet: {stateDir: " + state.stateDir() + "}");
            return 0;
        } catch (EnrollmentException e) {
            err.println("gatehouse data-plane enroll: " + e.getMessage());
            return 1;
        }
    }

    private static Map<String, String> parse(String[] args) {
        LinkedHashMap<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                options.put("--help", "");
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!Set.of("--control-plane", "--token", "--token-file", "--state-dir", "--name")
                    .contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option '" + (name.startsWith("--") ? name : "(argument)") + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException(name + " given twice");
            }
        }
        return options;
    }

    private static String token(Map<String, String> options, Function<String, String> env) {
        int sources = (options.containsKey("--token") ? 1 : 0) + (options.containsKey("--token-file") ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException("give either --token or --token-file, not both");
        }
        if (options.containsKey("--token")) {
            return options.get("--token");
        }
        if (options.containsKey("--token-file")) {
            Path file = Path.of(options.get("--token-file"));
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("--token-file " + file + ": cannot read (" + e.getMessage() + ")");
            }
        }
        String fromEnv = env.apply(TOKEN_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            throw new IllegalArgumentException("--token, --token-file or " + TOKEN_ENV + " is required");
        }
        return fromEnv.strip();
    }

    private static boolean isLoopback(String url) {
        return url.matches("http://(localhost|127\\.0\\.0\\.1|\\[::1\\])([:/].*)?");
    }
}
