package org.opencontrail.web.branding.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StackedBarsTest {

    /** A site's classes of its results (the sites' own are tested where they live). */
    private static final java.util.function.Function<String, String> CSS =
            result -> result.equals("SUCCESS") ? "chart-ok" : "chart-fail";

    @Test
    void barsStackBySeriesAndTheTallestReachesTheTop() {
        Map<String, long[]> values = new TreeMap<>();
        values.put("SUCCESS", new long[] {1, 0, 3});
        values.put("FAILURE", new long[] {1, 2, 1});
        List<StackedBars.Series> series = StackedBars.byResult(values, CSS);
        assertThat(series).extracting(StackedBars.Series::css).containsExactly("chart-fail", "chart-ok");
        String svg = StackedBars.svg("lines by result", series, 3, b -> "bucket " + b);
        assertThat(svg).startsWith("<svg").endsWith("</svg>");
        assertThat(svg.split("<rect", -1)).hasSize(1 + 5); // five non-zero segments
        assertThat(svg).contains(">4</text>"); // the highest stack: 1 + 3
        assertThat(svg).contains("<title>bucket 2: 3 SUCCESS</title>");
        assertThat(StackedBars.legend(series)).contains("FAILURE 4").contains("SUCCESS 4");
        StackedBars.Chart chart = StackedBars.ofResults("lines by result", values, 3, b -> "bucket " + b, CSS);
        assertThat(chart.svg()).isEqualTo(svg);
        assertThat(chart.legend()).isEqualTo(StackedBars.legend(series));
    }

    @Test
    void labelsAreEscaped() {
        String svg = StackedBars.svg(
                "<script>alert(1)</script>",
                List.of(new StackedBars.Series("<b>", "chart-other", new long[] {1})),
                1,
                b -> "\"><script>");
        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;");
    }
}
