package io.gatehouse.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisConfigTest {

    static DataPlaneConfig parse(String yaml, Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(yaml, env::get, Path.of("/etc/gatehouse"));
    }

    @Test
    void withoutRedisBucketsAreLocal() throws Exception {
        DataPlaneConfig config = parse("bundleFile: bundle.json\n", Map.of());
        assertThat(config.redis().uri()).isNull();
        assertThat(config.redis().timeout()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void redisUriAndTimeoutAreRead() throws Exception {
        DataPlaneConfig config = parse(
                "bundleFile: bundle.json\nredis: {uri: \"${REDIS_URL}\", timeout: 50ms}\n",
                Map.of("REDIS_URL", "redis://redis.internal:6379"));
        assertThat(config.redis().uri()).isEqualTo("redis://redis.internal:6379");
        assertThat(config.redis().timeout()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void badRedisSettingsNameTheKey() {
        assertThatThrownBy(() -> parse("bundleFile: b.json\nredis: {uri: http://redis:6379}\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("redis.uri: ");
        assertThatThrownBy(() -> parse("bundleFile: b.json\nredis: {uri: redis://r:6379, timeout: 0s}\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("redis.timeout: ");
        assertThatThrownBy(() -> parse("bundleFile: b.json\nredis: {url: redis://r:6379}\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("url");
    }
}
