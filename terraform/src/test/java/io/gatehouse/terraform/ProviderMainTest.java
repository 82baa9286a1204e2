package io.gatehouse.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.terraform.internal.plugin.PluginServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderMainTest {

    @Test
    void withoutTheMagicCookieItRefusesToStartAndPrintsNothingOnStdout() throws Exception {
        for (Map<String, String> env :
                java.util.List.of(Map.<String, String>of(), Map.of(PluginServer.MAGIC_COOKIE_KEY, "not-the-cookie"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PluginServer server = ProviderMain.start(
                    env,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(server).isNull();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("This binary is a plugin");
        }
    }

    @Test
    void withTheCookieTheFirstStdoutLineIsTheHandshake() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PluginServer server = ProviderMain.start(
                Map.of(PluginServer.MAGIC_COOKIE_KEY, PluginServer.MAGIC_COOKIE_VALUE),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        try {
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("1|6|tcp|127.0.0.1:" + server.port() + "|grpc|" + System.lineSeparator());
        } finally {
            server.close();
        }
    }
}
