package io.gatehouse.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.devstack.internal.Ports;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class EmbeddedRedisIT {
    private static RedisClient client;

    @BeforeAll
    static void createClient() {
        client = RedisClient.create();
        client.setDefaultTimeout(Duration.ofSeconds(5));
    }

    @AfterAll
    static void closeClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static StatefulRedisConnection<String, String> connect(EmbeddedRedis redis) {
        return client.connect(io.lettuce.core.RedisURI.create(redis.uri()));
    }

    @Test
    void setGetAndExpiry(EmbeddedRedis redis) throws InterruptedException {
        try (StatefulRedisConnection<String, String> connection = connect(redis)) {
            RedisCommands<String, String> commands = connection.sync();
            commands.set("devstack:it:plain", "v1");
            assertThat(commands.get("devstack:it:plain")).isEqualTo("v1");

            commands.set("devstack:it:short-lived", "v2", SetArgs.Builder.px(300));
            assertThat(commands.get("devstack:it:short-lived")).isEqualTo("v2");
            assertThat(commands.pttl("devstack:it:short-lived")).isBetween(1L, 300L);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (commands.exists("devstack:it:short-lived") == 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(commands.get("devstack:it:short-lived")).isNull();
            assertThat(commands.get("devstack:it:plain")).isEqualTo("v1");
        }
    }

    @Test
    void stopThenRestartOnTheSamePort(EmbeddedRedis redis) {
        int port = redis.port();
        try {
            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThat(Ports.isListening(port)).isFalse();
            assertThatThrownBy(() -> connect(redis).close()).isInstanceOf(RedisConnectionException.class);
        } finally {
            redis.restart();
        }
        assertThat(redis.isRunning()).isTrue();
        assertThat(redis.port()).isEqualTo(port);
        try (StatefulRedisConnection<String, String> connection = connect(redis)) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void closeStopsTheServerFreesThePortAndDeletesItsFiles() {
        EmbeddedRedis redis = EmbeddedRedis.start();
        int port = redis.port();
        Path workDir = redis.workDir();
        assertThat(Ports.isListening(port)).isTrue();

        redis.close();

        assertThat(redis.isRunning()).isFalse();
        assertThat(Ports.isFree(port)).as("port %d free", port).isTrue();
        assertThat(workDir).doesNotExist();
        assertThatThrownBy(redis::restart).isInstanceOf(IllegalStateException.class);
    }
}
