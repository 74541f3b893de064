package org.opencontrail.web.logs.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.io.LineReader;

/** Lines out of pieces cut anywhere, numbered and bounded as a stored log's reader gives them. */
class LineAssemblerTest {

    @Test
    void piecesCutInsideLinesAndBetweenCarriageReturnAndLineFeedGiveTheStoredLogsLines() {
        LineAssembler assembler = new LineAssembler(100);
        List<LineReader.Line> lines = new ArrayList<>();
        lines.addAll(assembler.add("first li"));
        lines.addAll(assembler.add("ne\r"));
        lines.addAll(assembler.add("\nsecond\n\nprogress 10%\rprogress 100%\n"));
        lines.addAll(assembler.add("no line break at the end"));
        assertThat(lines)
                .extracting(LineReader.Line::text)
                .containsExactly("first line", "second", "", "progress 10%\rprogress 100%");
        assertThat(assembler.lines()).isEqualTo(4);
        assertThat(assembler.finish()).singleElement().satisfies(last -> {
            assertThat(last.number()).isEqualTo(5);
            assertThat(last.text()).isEqualTo("no line break at the end");
        });
        assertThat(assembler.finish()).isEmpty();
    }

    @Test
    void aLineLongerThanTheBoundKeepsItsStartAndCountsTheRest() {
        LineAssembler assembler = new LineAssembler(10);
        assembler.add("x".repeat(7));
        List<LineReader.Line> lines = assembler.add("y".repeat(10) + "\nshort\n");
        assertThat(lines.get(0).text()).isEqualTo("xxxxxxxyyy");
        assertThat(lines.get(0).dropped()).isEqualTo(7);
        assertThat(lines.get(0).cut()).isTrue();
        assertThat(lines.get(1).text()).isEqualTo("short");
        assertThat(lines.get(1).cut()).isFalse();
    }
}
