package io.gatehouse.engine.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.provider.Arguments;

/** Reads a tab-separated guard corpus: input, config, expected (ALLOW or a reason key), comment. */
final class Corpus {

    private static final Pattern ESCAPE = Pattern.compile("\\{U\\+([0-9A-Fa-f]{4,6})\\}");

    private Corpus() {}

    static List<Arguments> load(String resource) {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 4) {
                    throw new IllegalStateException(
                            resource + ":" + number + ": expected 4 tab-separated columns, got " + columns.length);
                }
                String expected = columns[2];
                if (!expected.equals("ALLOW")) {
                    GuardReason.valueOf(expected); // unknown keys fail loudly
                }
                cases.add(Arguments.of(number, unescape(columns[0]), columns[1], expected, columns[3]));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return cases;
    }

    static String unescape(String input) {
        if (input.equals("{EMPTY}")) {
            return "";
        }
        String s = input.replace("{TAB}", "\t");
        Matcher m = ESCAPE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int cp = Integer.parseInt(m.group(1), 16);
            // lone surrogates are written as code points but must become single chars
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            cp >= 0xD800 && cp <= 0xDFFF
                                    ? String.valueOf((char) cp)
                                    : new String(Character.toChars(cp))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String expectedOf(GuardVerdict verdict) {
        return verdict.allowed() ? "ALLOW" : verdict.reasonKey();
    }
}
