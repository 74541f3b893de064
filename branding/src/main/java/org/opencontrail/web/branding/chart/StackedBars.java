package org.opencontrail.web.branding.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A bar chart drawn on the server as SVG: one bar per bucket, stacked by series (build results),
 * the colours from the brand's stylesheet by class ({@code chart-ok}, {@code chart-fail},
 * {@code chart-warn}, {@code chart-other}), a tooltip per segment, the highest value and the first
 * and last bucket's labels on the axes. Scales to its container's width; text is escaped.
 */
public final class StackedBars {

    /**
     * One series.
     *
     * @param name   shown in tooltips and the legend
     * @param css    the colour class
     * @param values one value per bucket
     */
    @SuppressWarnings("ArrayRecordComponent") // the values are drawn, never compared
    public record Series(String name, String css, long[] values) {}

    /**
     * A drawn chart and its legend, both HTML.
     *
     * @param svg    the chart
     * @param legend what each colour is, with its total
     */
    public record Chart(String svg, String legend) {}

    private static final int WIDTH = 720;
    private static final int HEIGHT = 160;
    private static final int LEFT = 40;
    private static final int BOTTOM = 20;
    private static final int TOP = 8;

    private StackedBars() {}

    /**
     * Series by result, in a stable order: failures at the bottom, then others, success on top.
     * What a result means is the site's to say: {@code css} gives each its class, one of
     * {@code chart-fail}, {@code chart-warn}, {@code chart-other} and {@code chart-ok}.
     */
    public static List<Series> byResult(Map<String, long[]> values, Function<String, String> css) {
        List<Series> series = new ArrayList<>();
        for (String kind : List.of("chart-fail", "chart-warn", "chart-other", "chart-ok")) {
            values.entrySet().stream()
                    .filter(e -> css.apply(e.getKey()).equals(kind))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> series.add(new Series(e.getKey(), kind, e.getValue())));
        }
        return series;
    }

    /** A chart of counts by build result (see {@link #byResult(Map, Function)}) with its legend. */
    public static Chart ofResults(
            String title,
            Map<String, long[]> values,
            int buckets,
            LongFunction<String> label,
            Function<String, String> css) {
        List<Series> series = byResult(values, css);
        return new Chart(svg(title, series, buckets, label), legend(series));
    }

    /**
     * The chart.
     *
     * @param title   what it shows, for screen readers
     * @param series  stacked bottom to top
     * @param buckets how many buckets
     * @param label   a bucket's label (its time), by index
     */
    public static String svg(String title, List<Series> series, int buckets, LongFunction<String> label) {
        long max = 1;
        for (int b = 0; b < buckets; b++) {
            long sum = 0;
            for (Series s : series) {
                sum += b < s.values().length ? s.values()[b] : 0;
            }
            max = Math.max(max, sum);
        }
        double plotWidth = WIDTH - LEFT - 4.0;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double barWidth = plotWidth / Math.max(1, buckets);
        StringBuilder svg = new StringBuilder(4096);
        ChartFrame.open(svg, WIDTH, HEIGHT, title);
        ChartFrame.axis(svg, LEFT, HEIGHT - BOTTOM, WIDTH - 4);
        ChartFrame.label(svg, LEFT - 4, TOP + 10, true, Long.toString(max));
        ChartFrame.label(svg, LEFT - 4, HEIGHT - BOTTOM, true, "0");
        for (int b = 0; b < buckets; b++) {
            double y = HEIGHT - BOTTOM;
            for (Series s : series) {
                long v = b < s.values().length ? s.values()[b] : 0;
                if (v <= 0) {
                    continue;
                }
                double h = v * plotHeight / max;
                y -= h;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d %s</title></rect>",
                        s.css(),
                        LEFT + b * barWidth + barWidth * 0.1,
                        y,
                        Math.max(0.5, barWidth * 0.8),
                        h,
                        escape(label.apply(b)),
                        v,
                        escape(s.name())));
            }
        }
        if (buckets > 0) {
            ChartFrame.label(svg, LEFT, HEIGHT - 4, false, label.apply(0));
            ChartFrame.label(svg, WIDTH - 4, HEIGHT - 4, true, label.apply(buckets - 1));
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /** A legend of the series, as HTML. */
    public static String legend(List<Series> series) {
        StringBuilder html = new StringBuilder("<ul class=\"chart-legend\">");
        for (Series s : series) {
            long total = 0;
            for (long v : s.values()) {
                total += v;
            }
            html.append("<li><span class=\"chart-key ")
                    .append(s.css())
                    .append("\"></span>")
                    .append(escape(s.name()))
                    .append(' ')
                    .append(total)
                    .append("</li>");
        }
        return html.append("</ul>").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
