package io.gatehouse.engine.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Measures precision and recall of every built-in detector on its labelled corpus
 * ({@code src/test/resources/redaction/<id>.tsv}) and writes the table to
 * {@code target/redaction-corpus-report.md}.
 */
class DetectorCorpusTest {

    static final double MIN_PRECISION = 0.99;
    static final double MIN_RECALL = 0.95;

    private static final List<String> REPORT = new ArrayList<>();

    record Sample(boolean positive, String text, int line) {}

    static List<String> detectorIds() {
        return List.copyOf(Detectors.ids());
    }

    @ParameterizedTest
    @MethodSource("detectorIds")
    void precisionAndRecall(String id) throws IOException {
        Detector detector = Detectors.byId(id);
        List<Sample> samples = load(id);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        List<String> errors = new ArrayList<>();
        for (Sample s : samples) {
            List<Detector.Match> found = new ArrayList<>();
            detector.find(s.text(), null, found);
            boolean hit = !found.isEmpty();
            if (s.positive() && hit) {
                tp++;
            } else if (s.positive()) {
                fn++;
                errors.add("missed line " + s.line());
            } else if (hit) {
                fp++;
                errors.add("false positive line " + s.line());
            } else {
                tn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        synchronized (REPORT) {
            REPORT.add(String.format(
                    Locale.ROOT,
                    "| `%s` | %d | %d | %d | %d | %.3f | %.3f |",
                    id,
                    tp + fn,
                    fp + tn,
                    tp,
                    fp,
                    precision,
                    recall));
        }
        assertThat(tp + fn).as("%s true samples", id).isGreaterThanOrEqualTo(20);
        assertThat(fp + tn).as("%s hard negatives", id).isGreaterThanOrEqualTo(20);
        assertThat(precision).as("%s precision (%s)", id, errors).isGreaterThanOrEqualTo(MIN_PRECISION);
        assertThat(recall).as("%s recall (%s)", id, errors).isGreaterThanOrEqualTo(MIN_RECALL);
    }

    @AfterAll
    static void writeReport() throws IOException {
        List<String> rows = new ArrayList<>(REPORT);
        rows.sort(null);
        List<String> lines = new ArrayList<>();
        lines.add("| detector | true samples | hard negatives | TP | FP | precision | recall |");
        lines.add("|---|---|---|---|---|---|---|");
        lines.addAll(rows);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.write(target.resolve("redaction-corpus-report.md"), lines, StandardCharsets.UTF_8);
    }

    static List<Sample> load(String id) throws IOException {
        String resource = "/redaction/" + id + ".tsv";
        try (InputStream in = DetectorCorpusTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("corpus %s", resource).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String label = line.substring(0, tab);
                if (!label.equals("0") && !label.equals("1")) {
                    throw new IllegalStateException(resource + ":" + (i + 1) + ": label " + label + " (expected 0|1)");
                }
                samples.add(new Sample(label.equals("1"), unescape(line.substring(tab + 1)), i + 1));
            }
            return samples;
        }
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> n;
                        });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
