package org.opencontrail.web.status.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run's mark on the project page says on hover what ran, for which change (or branch), and when. */
class BuildTitleTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aChangesRunNamesChangeAndPatchSetAndARefsRunItsBranch() {
        assertThat(new ProjectResults.Build("gate", "master", 41234, 3, "FAILURE", true, AT, Optional.empty(), "")
                        .title())
                .isEqualTo("FAILURE \u00b7 gate \u00b7 41234,3 \u00b7 2026-11-24T10:00:00Z");
        assertThat(new ProjectResults.Build("post", "R5.0", 0, 0, "SUCCESS", true, AT, Optional.empty(), "").title())
                .isEqualTo("SUCCESS \u00b7 post \u00b7 R5.0 \u00b7 2026-11-24T10:00:00Z");
    }
}
