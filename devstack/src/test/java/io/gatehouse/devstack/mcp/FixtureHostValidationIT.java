package io.gatehouse.devstack.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixture's DNS-rebinding protection with a configurable Host allowlist: a gateway in front may send
 * its own Host for the upstream, and only listed hosts are accepted. Raw HTTP/1.1 over a socket, since the
 * JDK client does not let callers set Host.
 */
class FixtureHostValidationIT {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
            "capabilities":{},"clientInfo":{"name":"host-test","version":"1"}}}""";

    @Test
    void acceptsLoopbackAndConfiguredHostsAndRefusesOthers() throws Exception {
        HostValidation validation = HostValidation.LOOPBACK.withExtraHosts(List.of("upstream.gatehouse.test:*"));
        try (FixtureMcpServer fixture =
                FixtureMcpServer.builder().hostValidation(validation).start()) {
            int port = fixture.port();
            assertThat(status(port, "127.0.0.1:" + port, null)).isEqualTo(200);
            assertThat(status(port, "localhost:" + port, "http://localhost:" + port))
                    .isEqualTo(200);
            assertThat(status(port, "upstream.gatehouse.test:443", null)).isEqualTo(200);
            assertThat(status(port, "evil.example.com", null)).isEqualTo(421);
            assertThat(status(port, "127.0.0.1:" + port, "http://evil.example.com"))
                    .isEqualTo(403);
        }
        try (FixtureMcpServer loopbackOnly = FixtureMcpServer.start()) {
            int port = loopbackOnly.port();
            assertThat(status(port, "upstream.gatehouse.test:443", null)).isEqualTo(421);
        }
    }

    private static int status(int port, String host, String origin) throws Exception {
        byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
        String head = "POST /mcp HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: application/json\r\n"
                + "Accept: application/json, text/event-stream\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                statusLine.append((char) c);
            }
            return Integer.parseInt(statusLine.toString().split(" ")[1]);
        }
    }
}
