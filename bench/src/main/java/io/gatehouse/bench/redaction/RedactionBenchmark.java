package io.gatehouse.bench.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.engine.redaction.Detectors;
import io.gatehouse.engine.redaction.Redaction;
import io.gatehouse.engine.redaction.Redactor;
import io.gatehouse.protocol.bundle.RedactionRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Redaction throughput on one core: a realistic tool result with every built-in detector on (one rule, mask,
 * response direction). {@code tree}: the pipeline's case (the relay has parsed the message already);
 * {@code bytes}: parse + redact + serialize (tree); {@code streamed}: {@code Redactor.redactBytes}, bytes in → redacted
 * bytes out in one streaming pass without a tree. MB/s = ops/s × {@link #BYTES} (printed by {@link RedactionBench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class RedactionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Text blocks per result (~150 bytes each: 100 ≈ 16 KB). */
    @Param({"100"})
    public int blocks;

    Redactor redactor;
    JsonNode result;
    byte[] bytes;

    @Setup
    public void setup() throws Exception {
        redactor = Redactor.compile(
                List.of(new RedactionRule(
                        "all",
                        "all built-in detectors",
                        List.copyOf(Detectors.ids()),
                        List.of(),
                        RedactionRule.Direction.BOTH,
                        RedactionRule.Action.MASK)),
                "bench-hash-key-0123456789".getBytes(StandardCharsets.UTF_8));
        result = ToolResults.result(blocks, 42);
        bytes = JSON.writeValueAsBytes(result);
    }

    @Benchmark
    public Redaction tree() {
        return redactor.redact(result, RedactionRule.Direction.RESPONSE);
    }

    @Benchmark
    public byte[] bytes() throws Exception {
        JsonNode parsed = JSON.readTree(bytes);
        Redaction r = redactor.redact(parsed, RedactionRule.Direction.RESPONSE);
        return JSON.writeValueAsBytes(r.value());
    }

    /** The full path without a tree: bytes in, redacted bytes out in one streaming pass. */
    @Benchmark
    public byte[] streamed() throws Exception {
        return redactor.redactBytes(bytes, RedactionRule.Direction.RESPONSE).json();
    }

    /** Serialized size of the benchmark's result for {@code blocks}. */
    public static int bytesOf(int blocks) throws Exception {
        return JSON.writeValueAsBytes(ToolResults.result(blocks, 42)).length;
    }
}
