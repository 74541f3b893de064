package org.opencontrail.web.status.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What /infra shows of nodes and of Gerrit's topic is made by their records. */
class InfraModelTest {

    @Test
    void eachNodeStateHasItsColourClass() {
        Map<String, Integer> byState = new LinkedHashMap<>();
        byState.put("in-use", 3);
        byState.put("ready", 1);
        NodeCapacity.Nodes nodes = new NodeCapacity.Nodes(byState, Map.of(), Instant.EPOCH, "");

        assertThat(nodes.segments()).extracting(NodeCapacity.Segment::css).containsExactly("node-in-use", "node-ready");
    }

    @Test
    void aTopicWithoutALeaderSaysSo() {
        assertThat(new GerritTopic("gerrit", true, Optional.of("status-web/0"), List.of(), "status-web/0", List.of())
                        .leaderName())
                .isEqualTo("status-web/0");
        assertThat(new GerritTopic("gerrit", true, Optional.empty(), List.of(), "status-web/0", List.of()).leaderName())
                .isEqualTo("no replica");
    }
}
