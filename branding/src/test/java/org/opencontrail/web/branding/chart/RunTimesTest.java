package org.opencontrail.web.branding.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunTimesTest {

    @Test
    void drawsEachRunTheMeanAndItsSpreadWithHostileTextEscaped() {
        List<RunTimes.Point> points = List.of(
                new RunTimes.Point(1.0, -1, 0, "chart-ok", "first"),
                new RunTimes.Point(3.0, 2.0, 1.0, "chart-fail", "<script>alert(1)</script>"),
                new RunTimes.Point(2.0, 2.0, 0.8, "chart-ok", "third"));

        String svg = RunTimes.svg("run time of <b>x</b>", points, "Dec 1", "Dec 3");

        assertThat(svg)
                .contains("<circle class=\"chart-fail\"")
                .contains("class=\"chart-mean\"")
                .contains("class=\"chart-band\"");
        assertThat(svg.split("<circle", -1)).hasSize(4);
        assertThat(svg).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script&gt;");
        assertThat(svg).contains(">3.00 s<"); // the mean plus its spread sets the top
    }

    @Test
    void noRunsDrawsAnEmptyChart() {
        assertThat(RunTimes.svg("nothing", List.of(), "", ""))
                .startsWith("<svg")
                .endsWith("</svg>")
                .doesNotContain("circle");
    }
}
