package io.gatehouse.terraform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code terraform} from PATH, run in one working directory against the provider built in
 * {@code target/provider} through a dev_overrides CLI config: no registry, no init, no network.
 */
final class TerraformCli {
    static final Path PROVIDER_DIR = Path.of("target", "provider").toAbsolutePath();

    private final Path dir;
    private final Map<String, String> env;

    TerraformCli(Path dir, Path cliConfig, String apiUrl, String token) {
        this.dir = dir;
        this.env = Map.of(
                "TF_CLI_CONFIG_FILE",
                cliConfig.toString(),
                "CHECKPOINT_DISABLE",
                "1",
                "TF_IN_AUTOMATION",
                "1",
                "TF_INPUT",
                "0",
                "GATEHOUSE_API_URL",
                apiUrl,
                "GATEHOUSE_API_TOKEN",
                token);
    }

    /** Writes the CLI config that maps gatehouse/gatehouse to the freshly built provider. */
    static Path writeCliConfig(Path where) throws IOException {
        Path file = where.resolve("terraform.rc");
        Files.writeString(
                file,
                "provider_installation {\n  dev_overrides {\n    \"gatehouse/gatehouse\" = \"" + PROVIDER_DIR
                        + "\"\n  }\n}\n");
        return file;
    }

    Path dir() {
        return dir;
    }

    record Result(int exitCode, String output, long millis) {}

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("terraform " + String.join(" ", args) + " did not finish");
        }
        return new Result(
                process.exitValue(),
                new String(output, StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }
}
