package io.gatehouse.console.ui.watch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered charts: plain SVG text built here (no chart component, no JavaScript). Every text that comes
 * from data (tool names are chosen by MCP servers) is XML-escaped. Pure, unit-tested.
 */
public final class SvgCharts {
    static final int WIDTH = 760;
    static final int HEIGHT = 230;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 30;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SvgCharts() {}

    /** One line of a time chart: its name, color and one value per bucket. */
    public record Series(String name, String color, long[] values) {
        public long total() {
            long t = 0;
            for (long v : values) {
                t += v;
            }
            return t;
        }
    }

    /** A labelled count (a bar). */
    public record Bar(String label, long count) {}

    /**
     * Lines over time: bucket {@code i} starts at {@code start + i * bucketSeconds}; the legend names each series
     * with its total.
     */
    public static String timeSeries(String title, Instant start, long bucketSeconds, List<Series> series) {
        int n = series.isEmpty() ? 0 : series.getFirst().values().length;
        long max = 1;
        for (Series s : series) {
            for (long v : s.values()) {
                max = Math.max(max, v);
            }
        }
        StringBuilder svg = open(title);
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        axes(svg, max);
        if (n > 0) {
            Instant end = start.plusSeconds(bucketSeconds * n);
            text(svg, LEFT, HEIGHT - 10, "start", "axis", TIME.format(start) + " UTC");
            text(svg, WIDTH - RIGHT, HEIGHT - 10, "end", "axis", TIME.format(end) + " UTC");
        }
        int legendX = LEFT + 24 + title.length() * 7;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double x = LEFT + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
                double y = TOP + plotH - plotH * s.values()[i] / max;
                points.append(fmt(x)).append(',').append(fmt(y)).append(' ');
            }
            svg.append("<polyline class=\"series\" data-series=\"")
                    .append(escape(s.name()))
                    .append("\" data-total=\"")
                    .append(s.total())
                    .append("\" fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(escape(s.color()))
                    .append("\" points=\"")
                    .append(points.toString().trim())
                    .append("\"/>");
            svg.append("<rect x=\"")
                    .append(legendX)
                    .append("\" y=\"12\" width=\"10\" height=\"10\" fill=\"")
                    .append(escape(s.color()))
                    .append("\"/>");
            String label = s.name() + " (" + s.total() + ")";
            text(svg, legendX + 14, 21, "start", "legend", label);
            legendX += 30 + label.length() * 7;
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, largest first as given; the count is written at the end of each bar. */
    public static String bars(String title, List<Bar> bars) {
        long max = 1;
        for (Bar b : bars) {
            max = Math.max(max, b.count());
        }
        StringBuilder svg = open(title);
        if (bars.isEmpty()) {
            text(svg, WIDTH / 2, HEIGHT / 2, "middle", "empty", "No calls in this range");
        }
        int labelW = 180;
        double plotW = WIDTH - labelW - RIGHT - 50;
        double rowH = Math.min(24, (HEIGHT - TOP - 8) / (double) Math.max(1, bars.size()));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = TOP + i * rowH;
            double w = Math.max(1, plotW * b.count() / max);
            text(svg, labelW - 8, (int) (y + rowH * 0.7), "end", "label", shorten(b.label(), 26));
            svg.append("<rect class=\"bar\" data-label=\"")
                    .append(escape(b.label()))
                    .append("\" data-count=\"")
                    .append(b.count())
                    .append("\" x=\"")
                    .append(labelW)
                    .append("\" y=\"")
                    .append(fmt(y + 2))
                    .append("\" width=\"")
                    .append(fmt(w))
                    .append("\" height=\"")
                    .append(fmt(rowH - 4))
                    .append("\" fill=\"#1676f3\"/>");
            text(svg, (int) (labelW + w + 6), (int) (y + rowH * 0.7), "start", "count", Long.toString(b.count()));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"100%\" style=\"max-width:")
                .append(WIDTH)
                .append("px;font-family:sans-serif;font-size:12px\"><title>")
                .append(escape(title))
                .append("</title>");
        text(svg, LEFT, 21, "start", "title", title);
        return svg;
    }

    private static void axes(StringBuilder svg, long max) {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(TOP)
                .append("\" x2=\"")
                .append(LEFT)
                .append("\" y2=\"")
                .append(bottom)
                .append("\" stroke=\"#999\"/>");
        svg.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(bottom)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y2=\"")
                .append(bottom)
                .append("\" stroke=\"#999\"/>");
        text(svg, LEFT - 6, TOP + 4, "end", "axis", Long.toString(max));
        text(svg, LEFT - 6, bottom, "end", "axis", "0");
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String cls, String value) {
        svg.append("<text class=\"")
                .append(cls)
                .append("\" x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" fill=\"")
                .append(cls.equals("title") ? "#222" : "#555")
                .append("\"")
                .append(cls.equals("title") ? " font-weight=\"600\"" : "")
                .append('>')
                .append(escape(value))
                .append("</text>");
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** XML text and attribute escaping; control characters (invalid in XML 1.0) become U+FFFD. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
