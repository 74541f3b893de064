package org.opencontrail.web.status.urls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StatusUrlsTest {

    @Test
    void projectsKeepTheirSlashesAndEncodeEverythingElse() {
        assertThat(StatusUrls.project("Juniper/contrail-controller")).isEqualTo("/project/Juniper/contrail-controller");
        assertThat(StatusUrls.project("Juniper/a b#c")).isEqualTo("/project/Juniper/a%20b%23c");
        assertThat(URI.create(StatusUrls.project("Juniper/ü+x")).getPath()).isEqualTo("/project/Juniper/ü+x");
        assertThat(StatusUrls.badge("Juniper/contrail-controller")).isEqualTo("/badge/Juniper/contrail-controller.svg");
    }

    @Test
    void filtersOfThePipelinesPageAreQueryParameters() {
        assertThat(StatusUrls.pipelinesOfProject("Juniper/contrail-controller"))
                .isEqualTo("/?project=Juniper%2Fcontrail-controller");
        assertThat(URI.create(StatusUrls.pipelinesOfQueue("gate", "contrail & co"))
                        .getQuery())
                .isEqualTo("pipeline=gate&queue=contrail+&+co");
        assertThat(StatusUrls.change(41234)).isEqualTo("/change/41234");
        assertThat(StatusUrls.change("41234")).isEqualTo("/change/41234");
    }
}
