package io.gatehouse.devstack.mcp;

import io.gatehouse.devstack.node.NodeTools;
import io.gatehouse.devstack.node.NpmPackage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @modelcontextprotocol/server-everything} (pinned, {@link NpmPackage#SERVER_EVERYTHING}) as a
 * child process in Streamable HTTP mode ({@code node dist/index.js streamableHttp}, port from the {@code
 * PORT} environment variable, endpoint {@code /mcp}), on Node 22 from {@link NodeTools}.
 *
 * <pre>{@code
 * try (NpmMcpServer everything = NpmMcpServer.startEverything()) {
 *     URI url = everything.url(); // http://127.0.0.1:<port>/mcp
 * }
 * }</pre>
 *
 * <p>{@link #close()} kills the whole process tree and waits until the port no longer accepts connections.
 * The server listens on all interfaces and does not validate Host or Origin.
 */
public final class NpmMcpServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(NpmMcpServer.class);

    private final Process process;
    private final int port;
    private final Deque<String> output;

    private NpmMcpServer(Process process, int port, Deque<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts server-everything with the standard {@link NodeTools}. */
    public static NpmMcpServer startEverything() {
        return startEverything(NodeTools.standard());
    }

    public static NpmMcpServer startEverything(NodeTools nodeTools) {
        Objects.requireNonNull(nodeTools, "nodeTools");
        List<String> command = nodeTools.command(NpmPackage.SERVER_EVERYTHING, null, List.of("streamableHttp"));
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                return start(command, port);
            } catch (IllegalStateException e) {
                last = e;
                log.debug("server-everything attempt {} on port {} failed: {}", attempt, port, e.getMessage());
            }
        }
        throw last;
    }

    private static NpmMcpServer start(List<String> command, int port) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + NpmPackage.SERVER_EVERYTHING + ": " + e.getMessage(), e);
        }
        Deque<String> output = new ArrayDeque<>();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            synchronized (output) {
                                output.addLast(line);
                                if (output.size() > 50) {
                                    output.removeFirst();
                                }
                            }
                            log.debug("server-everything: {}", line);
                            if (line.contains("listening on port")) {
                                listening.countDown();
                            }
                        }
                    } catch (IOException e) {
                        log.debug("server-everything output closed: {}", e.toString());
                    }
                },
                "server-everything-output");
        reader.setDaemon(true);
        reader.start();
        NpmMcpServer server = new NpmMcpServer(process, port, output);
        try {
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            while (!listening.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server-everything exited with " + process.exitValue()
                            + " while starting on port " + port + "; output: " + server.recentOutput());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("server-everything did not listen on port " + port + " within "
                            + STARTUP_TIMEOUT + "; output: " + server.recentOutput());
                }
            }
            if (!accepts(port)) {
                throw new IllegalStateException("server-everything said it listens on " + port
                        + " but the port refuses connections; output: " + server.recentOutput());
            }
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting server-everything", e);
        } catch (IllegalStateException e) {
            server.close();
            throw e;
        }
        log.info("server-everything {} listening at {}", NpmPackage.SERVER_EVERYTHING.version(), server.url());
        return server;
    }

    /** The Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:41234/mcp}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    public int port() {
        return port;
    }

    /** The process id, so tests can check that it is gone after {@link #close()}. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        NodeTools.destroyProcessTree(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (accepts(port) && System.nanoTime() < deadline) {
            FixtureTools.pause(50);
        }
        if (accepts(port)) {
            throw new IllegalStateException(
                    "server-everything stopped but port " + port + " still accepts connections");
        }
    }

    private String recentOutput() {
        synchronized (output) {
            return String.join(" | ", output);
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port: " + e.getMessage(), e);
        }
    }
}
