package org.opencontrail.web.branding.chart;

import java.util.List;
import java.util.Locale;

/**
 * Run times drawn on the server as SVG: one dot per run in the order they ran, coloured by how it
 * ended ({@code chart-ok}, {@code chart-fail}, {@code chart-other}), with a tooltip, the rolling mean
 * as a line and the mean plus and minus one standard deviation as a band, the longest time and the
 * first and last run's labels on the axes. Scales to its container's width; text is escaped.
 */
public final class RunTimes {

    /**
     * One run.
     *
     * @param seconds its run time
     * @param mean    the rolling mean at it, or a negative number where there is none yet
     * @param spread  the rolling standard deviation at it
     * @param css     its colour class
     * @param tip     its tooltip
     */
    public record Point(double seconds, double mean, double spread, String css, String tip) {}

    private static final int WIDTH = 720;
    private static final int HEIGHT = 180;
    private static final int LEFT = 48;
    private static final int BOTTOM = 20;
    private static final int TOP = 8;

    private RunTimes() {}

    /**
     * The chart.
     *
     * @param title  what it shows, for screen readers
     * @param points the runs, oldest first
     * @param first  the first run's label (its time)
     * @param last   the last run's label
     */
    public static String svg(String title, List<Point> points, String first, String last) {
        double max = 0.001;
        for (Point p : points) {
            max = Math.max(max, Math.max(p.seconds(), p.mean() + p.spread()));
        }
        double plotWidth = WIDTH - LEFT - 8.0;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double step = points.size() > 1 ? plotWidth / (points.size() - 1) : 0;
        StringBuilder svg = new StringBuilder(8192);
        ChartFrame.open(svg, WIDTH, HEIGHT, title);
        ChartFrame.axis(svg, LEFT, HEIGHT - BOTTOM, WIDTH - 4);
        ChartFrame.label(svg, LEFT - 4, TOP + 10, true, seconds(max));
        ChartFrame.label(svg, LEFT - 4, HEIGHT - BOTTOM, true, "0 s");
        StringBuilder upper = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        StringBuilder mean = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.mean() < 0) {
                continue;
            }
            double x = LEFT + 4 + i * step;
            upper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.mean() + p.spread(), max, plotHeight)));
            lower.insert(
                    0,
                    String.format(
                            Locale.ROOT, "%.1f,%.1f ", x, y(Math.max(0, p.mean() - p.spread()), max, plotHeight)));
            mean.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(p.mean(), max, plotHeight)));
        }
        if (mean.length() > 0) {
            svg.append("<polygon class=\"chart-band\" points=\"")
                    .append(upper)
                    .append(lower.toString().strip())
                    .append("\"/>");
            svg.append("<polyline class=\"chart-mean\" points=\"")
                    .append(mean.toString().strip())
                    .append("\"/>");
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            svg.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s</title></circle>",
                    StackedBars.escape(p.css()),
                    LEFT + 4 + i * step,
                    y(p.seconds(), max, plotHeight),
                    StackedBars.escape(p.tip())));
        }
        if (!points.isEmpty()) {
            ChartFrame.label(svg, LEFT, HEIGHT - 4, false, first);
            ChartFrame.label(svg, WIDTH - 4, HEIGHT - 4, true, last);
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static double y(double seconds, double max, double plotHeight) {
        return HEIGHT - BOTTOM - seconds * plotHeight / max;
    }

    private static String seconds(double value) {
        return value >= 10 ? String.format(Locale.ROOT, "%.0f s", value) : String.format(Locale.ROOT, "%.2f s", value);
    }
}
