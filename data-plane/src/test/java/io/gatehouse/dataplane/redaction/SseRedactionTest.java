package io.gatehouse.dataplane.redaction;

import static io.gatehouse.protocol.bundle.RedactionRule.Action.BLOCK;
import static io.gatehouse.protocol.bundle.RedactionRule.Action.MASK;
import static io.gatehouse.protocol.bundle.RedactionRule.Direction.RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.dataplane.mcp.SseEvent;
import io.gatehouse.dataplane.mcp.SseReader;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.engine.redaction.TextRedaction;
import io.gatehouse.protocol.bundle.RedactionRule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redacts a server-sent event stream event by event, through the data plane's own SSE reader. */
class SseRedactionTest {

    private static final byte[] KEY = "agent-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void eachEventIsRedactedOnItsOwnAndCleanEventsPassByteForByte() throws IOException {
        Redactor redactor = Redactor.compile(
                List.of(
                        new RedactionRule("pii", "pii", List.of("email"), List.of(), RESPONSE, MASK),
                        new RedactionRule("keys", "keys", List.of("pem_private_key"), List.of(), RESPONSE, BLOCK)),
                KEY);
        String clean = "event: message\nid: 1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n";
        String json = "event: message\nid: 2\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":"
                + "[{\"type\":\"text\",\"text\":\"owner: ops@example.com\"}]}}\n\n";
        String text = "id: 3\ndata: plain text mentioning ops@example.com\ndata: on two lines\n\n";
        String key = "id: 4\ndata: -----BEGIN PRIVATE KEY-----\ndata: " + "QUJD".repeat(20) + "\n\n";
        byte[] stream = (clean + json + text + key).getBytes(StandardCharsets.UTF_8);

        SseReader reader = new SseReader(new ByteArrayInputStream(stream), 64 * 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Boolean> blocked = new ArrayList<>();
        for (SseEvent event; (event = reader.next()) != null; ) {
            TextRedaction r = redactor.redactEventData(event.data(), RESPONSE);
            blocked.add(r.blocked());
            out.write(r.changed() ? event.withData(r.text()) : event.raw());
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(clean
                        + "event: message\nid: 2\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"owner: [REDACTED:email]\"}]}}\n\n"
                        + "id: 3\ndata: plain text mentioning [REDACTED:email]\ndata: on two lines\n\n"
                        + "id: 4\ndata: [REDACTED:pem_private_key]\n\n");
        assertThat(blocked).containsExactly(false, false, false, true);
    }
}
