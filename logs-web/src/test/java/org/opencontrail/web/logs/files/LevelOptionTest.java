package org.opencontrail.web.logs.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencontrail.web.logs.lines.Severity;

/** The log page's level filter offers every level, "all lines" first, the one in use selected. */
class LevelOptionTest {

    @Test
    void everyLevelIsOfferedTheOneInUseSelected() {
        assertThat(LevelOption.all(Severity.WARNING))
                .startsWith(new LevelOption("", "all lines", false))
                .contains(new LevelOption("WARNING", "WARNING", true), new LevelOption("ERROR", "ERROR", false))
                .hasSize(Severity.values().length)
                .filteredOn(LevelOption::selected)
                .hasSize(1);
        assertThat(LevelOption.all(Severity.NONE).get(0).selected()).isTrue();
    }
}
