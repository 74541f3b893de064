package org.opencontrail.web.shared.zuul.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZuulStatusWriterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v2-status-basic-demo.json",
                "v2-status-openstack-2013-small.json",
                "v2-status-openstack-2014-03-23.json",
                "v2-status-openstack-2013-09-27-busy-gate.json"
            })
    void whatIsWrittenReadsBackAsTheSameSnapshot(String file) throws IOException {
        ZuulStatusParser parser = new ZuulStatusParser();
        ZuulSnapshot original;
        try (InputStream in = getClass().getResourceAsStream("/zuul/" + file)) {
            original = parser.parse(in);
        }

        String v3 = new ZuulStatusWriter(io.micronaut.json.JsonMapper.createDefault()).write(original);
        ZuulSnapshot again = parser.parse(new ByteArrayInputStream(v3.getBytes(StandardCharsets.UTF_8)));

        assertThat(again).isEqualTo(original);
        assertThat(v3)
                .contains("\"refs\":[")
                .contains("\"management_event_queue\"")
                .contains("\"last_reconfigured\":")
                .as("the first item of a queue has none ahead, written as Zuul writes it")
                .contains("\"item_ahead\":null");
    }
}
