package org.opencontrail.web.branding.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A timeline drawn on the server as SVG: one row a task (a build of a buildset), a bar from its
 * start to its end coloured by the brand's chart classes, its label beside, a link and a tooltip on
 * each bar, the times of the first start and the last end on the axis (UTC). Scales to its
 * container's width; text is escaped.
 */
public final class Timeline {

    /**
     * One row.
     *
     * @param label its name, drawn at the left of the row
     * @param css   the colour class ({@code chart-ok}, {@code chart-fail}, {@code chart-warn}, {@code chart-other})
     * @param start when it started
     * @param end   when it ended (its start, for one that has not ended)
     * @param link  where the bar leads, empty for nowhere
     * @param tip   its tooltip
     */
    public record Bar(String label, String css, Instant start, Instant end, String link, String tip) {}

    private static final int WIDTH = 720;
    private static final int ROW = 22;
    private static final int LABELS = 220;
    private static final int AXIS = 22;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Timeline() {}

    /** The bars on one time axis, from the first start to the last end; an empty string for none. */
    public static String svg(String title, List<Bar> bars) {
        if (bars.isEmpty()) {
            return "";
        }
        Instant first = bars.stream().map(Bar::start).min(Instant::compareTo).orElseThrow();
        Instant last = bars.stream().map(Bar::end).max(Instant::compareTo).orElseThrow();
        double span = Math.max(1, Duration.between(first, last).toMillis());
        double plot = WIDTH - LABELS - 8.0;
        int height = bars.size() * ROW + AXIS;
        StringBuilder svg = new StringBuilder(256 + bars.size() * 256);
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart timeline\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\""
                        + " xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>",
                WIDTH,
                height,
                escape(title),
                escape(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double x = LABELS + Duration.between(first, bar.start()).toMillis() * plot / span;
            double w = Math.max(2, Duration.between(bar.start(), bar.end()).toMillis() * plot / span);
            int y = i * ROW;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text class=\"chart-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    LABELS - 6,
                    y + 15,
                    escape(shortened(bar.label()))));
            String rect = String.format(
                    Locale.ROOT,
                    "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>",
                    escape(bar.css()),
                    x,
                    y + 4,
                    w,
                    ROW - 8,
                    escape(bar.tip()));
            svg.append(bar.link().isEmpty() ? rect : "<a href=\"" + escape(bar.link()) + "\">" + rect + "</a>");
        }
        int axis = bars.size() * ROW + 2;
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"chart-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                LABELS,
                axis,
                WIDTH - 8,
                axis));
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"chart-label\" x=\"%d\" y=\"%d\">%s</text>",
                LABELS,
                axis + 16,
                TIME.format(first)));
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"chart-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s UTC</text>",
                WIDTH - 8,
                axis + 16,
                TIME.format(last)));
        return svg.append("</svg>").toString();
    }

    /** A label that fits the space at the left, its end kept (a job's name differs at its end). */
    private static String shortened(String label) {
        return label.length() <= 34 ? label : "…" + label.substring(label.length() - 33);
    }

    private static String escape(String text) {
        return StackedBars.escape(text);
    }
}
