package io.gatehouse.devstack.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.devstack.node.NodeTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stdio MCP server process: newline-delimited JSON-RPC on stdin/stdout (MCP stdio transport), stderr
 * drained to the debug log. Every JSON object the child prints is handed to {@code onMessage}; lines
 * that are not JSON objects are logged and skipped.
 */
final class StdioChild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StdioChild.class);

    private final Process process;
    private final OutputStream stdin;

    private StdioChild(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    static StdioChild start(
            List<String> command, Path workDir, ObjectMapper json, Consumer<JsonNode> onMessage, Runnable onExit) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start stdio MCP server " + command + ": " + e.getMessage(), e);
        }
        StdioChild child = new StdioChild(process);
        daemon("stdio-mcp-stdout-" + process.pid(), () -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode message;
                    try {
                        message = json.readTree(line);
                    } catch (IOException e) {
                        log.debug("stdio MCP server printed a non-JSON line ({} chars); skipped", line.length());
                        continue;
                    }
                    if (message != null && message.isObject()) {
                        onMessage.accept(message);
                    }
                }
            } catch (IOException e) {
                log.debug("stdio MCP server stdout closed: {}", e.toString());
            } finally {
                onExit.run();
            }
        });
        daemon("stdio-mcp-stderr-" + process.pid(), () -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.debug("stdio MCP server stderr: {}", line);
                }
            } catch (IOException e) {
                log.debug("stdio MCP server stderr closed: {}", e.toString());
            }
        });
        return child;
    }

    /** Writes one message as one line; thread-safe. */
    void send(byte[] jsonLine) throws IOException {
        synchronized (stdin) {
            stdin.write(jsonLine);
            stdin.write('\n');
            stdin.flush();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            log.debug("closing stdin of the stdio MCP server: {}", e.toString());
        }
        NodeTools.destroyProcessTree(process);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
