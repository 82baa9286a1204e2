package io.gatehouse.dataplane.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    static SseReader reader(String text, int max) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
    }

    @Test
    void parsesFieldsAndKeepsTheExactBytes() throws Exception {
        String first = "id: 1\nevent: message\nretry: 500\ndata: {\"a\":1}\n\n";
        String second = ": keep-alive\r\n\r\n";
        String third = "data: line1\r\ndata:line2\r\n\r\n";
        SseReader reader = reader(first + second + third + "data: incomplete", 1000);

        SseEvent e1 = reader.next();
        assertThat(e1.id()).isEqualTo("1");
        assertThat(e1.event()).isEqualTo("message");
        assertThat(e1.retry()).isEqualTo("500");
        assertThat(e1.data()).isEqualTo("{\"a\":1}");
        assertThat(new String(e1.raw(), StandardCharsets.UTF_8)).isEqualTo(first);

        SseEvent e2 = reader.next();
        assertThat(e2.data()).isNull();
        // the event is dispatched at its final CR without waiting for the LF that may follow
        assertThat(new String(e2.raw(), StandardCharsets.UTF_8)).isEqualTo(": keep-alive\r\n\r");

        SseEvent e3 = reader.next();
        assertThat(new String(e3.raw(), StandardCharsets.UTF_8)).isEqualTo(third.substring(0, third.length() - 1));
        assertThat(e3.data()).isEqualTo("line1\nline2");
        assertThat(new String(e3.withData("x\ny"), StandardCharsets.UTF_8)).isEqualTo("data: x\ndata: y\n\n");

        assertThat(reader.next()).isNull();
    }

    @Test
    void anEventIsReturnedAsSoonAsItIsComplete() throws Exception {
        PipedOutputStream upstream = new PipedOutputStream();
        InputStream in = new PipedInputStream(upstream);
        SseReader reader = new SseReader(in, 1000);
        upstream.write("id: a\ndata: first\n\n".getBytes(StandardCharsets.UTF_8));
        upstream.flush();

        // the stream is still open: the first event must not wait for more bytes
        assertThat(reader.next().data()).isEqualTo("first");
        upstream.close();
        assertThat(reader.next()).isNull();
    }

    @Test
    void anOversizedEventIsAnError() {
        SseReader reader = reader("data: " + "x".repeat(100) + "\n\n", 50);
        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("exceeded 50 bytes");
    }
}
