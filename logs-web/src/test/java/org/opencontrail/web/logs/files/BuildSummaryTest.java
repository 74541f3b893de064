package org.opencontrail.web.logs.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pages of a build's logs say in their description which build they are of. */
class BuildSummaryTest {

    private static BuildSummary build(String project, String change, String result) {
        return new BuildSummary(
                "00/41000/1/gate/contrail-vnc-unittest/520d1f5/",
                "/00/41000/1/gate/contrail-vnc-unittest/520d1f5/",
                project,
                change,
                "gate",
                "contrail-vnc-unittest",
                result,
                "",
                "",
                "",
                "",
                "",
                "",
                List.of(),
                List.of());
    }

    @Test
    void aBuildIsDescribedByItsJobPipelineChangeProjectAndResult() {
        assertThat(build("Juniper/contrail-common", "41000,1", "FAILURE").description())
                .isEqualTo(
                        "Logs of contrail-vnc-unittest in gate, change 41000,1 of Juniper/contrail-common: FAILURE.");
    }

    @Test
    void whatIsNotKnownOfABuildIsLeftOut() {
        assertThat(build("", "", "").description()).isEqualTo("Logs of contrail-vnc-unittest in gate.");
    }
}
