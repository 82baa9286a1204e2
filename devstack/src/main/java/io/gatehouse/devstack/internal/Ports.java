package io.gatehouse.devstack.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: pick a free ephemeral port, check whether a port is free or listening. */
public final class Ports {
    private Ports() {}

    /** A port that was free a moment ago on 127.0.0.1 (the OS picks it; a race with other processes is possible). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** True when nothing listens on {@code port} of 127.0.0.1 and we could bind it ourselves. */
    public static boolean isFree(int port) {
        if (isListening(port)) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when a TCP connect to 127.0.0.1:{@code port} succeeds within 500 ms. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Validates a user-chosen port: 0 (ephemeral) or 1..65535. */
    public static int requireValid(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: 0 for a free port, or 1..65535)");
        }
        return port;
    }
}
