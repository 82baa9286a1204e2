package io.gatehouse.dataplane.ratelimit;

import io.gatehouse.protocol.bundle.Glob;
import io.gatehouse.protocol.bundle.RateLimit;
import io.gatehouse.protocol.bundle.RateLimit.KeyDimension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One limit, ready to apply: scope match and bucket keys.
 *
 * <p>Key: {@code gatehouse:rl:<limit id>:<settings hash>:<caller hash>}. The settings hash covers
 * everything that shapes the bucket (capacity, refill, period, keyBy, server, tool pattern; not the
 * failure mode), so changing one limit starts its buckets afresh while unchanged limits keep theirs
 * across bundle swaps. The caller hash is SHA-256 over the tenant and the {@code keyBy} values, so
 * subjects and client ids never appear in Redis in clear and keys have a fixed length.
 */
final class CompiledLimit {
    private static final Base64.Encoder KEY_ENCODING = Base64.getUrlEncoder().withoutPadding();

    final RateLimit limit;
    final BucketSpec spec;
    private final String keyPrefix;

    CompiledLimit(RateLimit limit) {
        this.limit = limit;
        this.spec = new BucketSpec(limit.capacity(), limit.refillTokens(), limit.refillPeriod());
        String settings = String.join(
                "\n",
                Long.toString(limit.capacity()),
                Long.toString(limit.refillTokens()),
                limit.refillPeriod().toString(),
                limit.keyBy().toString(),
                String.valueOf(limit.serverId()),
                String.valueOf(limit.toolPattern()));
        this.keyPrefix = "gatehouse:rl:" + limit.id() + ":" + HexFormat.of().formatHex(sha256(settings), 0, 6) + ":";
    }

    boolean appliesTo(RateLimitContext context) {
        if (limit.serverId() != null && !limit.serverId().equals(context.serverId())) {
            return false;
        }
        return limit.toolPattern() == null
                || (context.tool() != null && Glob.matches(limit.toolPattern(), context.tool()));
    }

    String bucketKey(RateLimitContext context) {
        StringBuilder caller = new StringBuilder();
        append(caller, context.tenant());
        for (KeyDimension dimension : limit.keyBy()) {
            caller.append(dimension.name()).append('=');
            append(
                    caller,
                    switch (dimension) {
                        case TENANT -> context.tenant();
                        case PRINCIPAL -> context.principal();
                        case CLIENT -> context.clientId();
                        case SERVER -> context.serverId();
                        case TOOL -> context.tool();
                    });
        }
        return keyPrefix + KEY_ENCODING.encodeToString(sha256(caller.toString()));
    }

    /** Length-prefixed, so no two different value lists produce the same text; null is distinct from "". */
    private static void append(StringBuilder out, String value) {
        if (value == null) {
            out.append("-;");
        } else {
            out.append(value.length()).append(':').append(value).append(';');
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
