package org.opencontrail.web.git.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The portal's headings and links beyond plain fields are made by its model. */
class PortalLinesTest {

    @Test
    void projectsWithoutAPrefixAreHeadedProjects() {
        assertThat(new PortalView.Group("Juniper", List.of()).title()).isEqualTo("Juniper");
        assertThat(new PortalView.Group("", List.of()).title()).isEqualTo("Projects");
    }

    @Test
    void pushesPastReviewAreLinkedOnTheProjectsSummary() {
        PortalView.ProjectLine line = new PortalView.ProjectLine(
                "Juniper/contrail-controller",
                "",
                "/Juniper/contrail-controller/",
                "master",
                "",
                "",
                "",
                0,
                "",
                "",
                "",
                "",
                false,
                "",
                2);

        assertThat(line.pushesUrl()).isEqualTo("/Juniper/contrail-controller/#pushes");
    }
}
