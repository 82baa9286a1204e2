package io.gatehouse.devstack.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion with a deadline; output goes to a log file. */
record ProcessOutput(int exitCode, List<String> lines, Path logFile) {

    static ProcessOutput run(List<String> command, Path workDir, Map<String, String> env, Duration timeout, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new NodeToolsException("cannot start '" + command.get(0) + "': " + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw new NodeToolsException(
                        String.join(" ", command) + " did not finish within " + timeout + "; output so far in " + log);
            }
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new NodeToolsException("interrupted while running " + String.join(" ", command), e);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            lines = List.of("(output unreadable: " + e.getMessage() + ")");
        }
        return new ProcessOutput(process.exitValue(), lines, log);
    }

    /** The last {@code n} lines, for error messages. */
    String tail(int n) {
        List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        return String.join(System.lineSeparator(), tail);
    }

    /** Kills a process and every process it started, then waits briefly for them to go. */
    public static void destroyTree(Process process) {
        destroyTree(process.toHandle());
    }

    static void destroyTree(ProcessHandle handle) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }
}
