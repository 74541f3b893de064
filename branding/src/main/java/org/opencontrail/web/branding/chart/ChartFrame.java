package org.opencontrail.web.branding.chart;

import java.util.Locale;

/** What every chart draws alike: its opening with its title for screen readers, its base line, its labels. */
final class ChartFrame {

    private ChartFrame() {}

    /** The chart's opening tag, scaled to its container, and its title. */
    static void open(StringBuilder svg, int width, int height, String title) {
        svg.append(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
                width,
                height,
                StackedBars.escape(title)));
        svg.append("<title>").append(StackedBars.escape(title)).append("</title>");
    }

    /** The horizontal axis at {@code y}, from {@code left} to {@code right}. */
    static void axis(StringBuilder svg, int left, int y, int right) {
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"chart-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
                left,
                y,
                right,
                y));
    }

    /** A label at ({@code x}, {@code y}), ending there when {@code end}, starting there otherwise. */
    static void label(StringBuilder svg, int x, int y, boolean end, String text) {
        svg.append(String.format(
                Locale.ROOT,
                "<text class=\"chart-label\" x=\"%d\" y=\"%d\"%s>%s</text>",
                x,
                y,
                end ? " text-anchor=\"end\"" : "",
                StackedBars.escape(text)));
    }
}
