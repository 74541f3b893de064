package org.opencontrail.web.shared.zuul.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencontrail.web.shared.zuul.status.QueueItem.Job;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.ChangeQueue;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot.Pipeline;

class ZuulStatusParserTest {

    private final ZuulStatusParser parser = new ZuulStatusParser();

    private ZuulSnapshot fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/zuul/" + name)) {
            return parser.parse(in);
        }
    }

    private ZuulSnapshot text(String json) throws IOException {
        return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource({
        "v2-status-basic-demo.json, 3, 5, 15",
        "v2-status-openstack-2013-small.json, 6, 1, 5",
        "v2-status-openstack-2014-03-23.json, 13, 18, 237",
        "v2-status-openstack-2013-09-27-busy-gate.json, 8, 49, 398"
    })
    void everyFixtureParsesWithItsPipelinesItemsAndJobs(String file, int pipelines, int items, int jobs)
            throws IOException {
        ZuulSnapshot snapshot = fixture(file);

        assertThat(snapshot.pipelines()).hasSize(pipelines);
        assertThat(snapshot.itemCount()).isEqualTo(items);
        assertThat(snapshot.jobCount()).isEqualTo(jobs);
    }

    @Test
    void theBusyGateKeepsQueueOrderDependenciesAndFailures() throws IOException {
        ZuulSnapshot snapshot = fixture("v2-status-openstack-2013-09-27-busy-gate.json");
        Pipeline gate = snapshot.pipelines().stream()
                .filter(p -> p.name().equals("gate"))
                .findFirst()
                .orElseThrow();
        ChangeQueue shared = gate.queues().stream()
                .max(Comparator.comparingInt(ChangeQueue::itemCount))
                .orElseThrow();

        assertThat(shared.heads()).extracting(List::size).containsExactly(2, 28);
        QueueItem second = shared.heads().get(0).get(1);
        assertThat(second.id()).isEqualTo("48423,2");
        assertThat(second.itemAhead()).hasValue("48418,1");
        assertThat(second.failingReasons()).containsExactly("a needed change is failing", "at least one job failed");
        assertThat(second.enqueueTime()).hasValue(Instant.ofEpochMilli(1380275122088L));
        assertThat(second.remainingTime()).hasValue(Duration.ofMillis(340565));
        assertThat(second.ref().orElseThrow().change()).hasValue(48423);
        assertThat(second.ref().orElseThrow().patchSet()).hasValue(2);

        Map<Optional<String>, Long> results = snapshot.pipelines().stream()
                .flatMap(p -> p.queues().stream())
                .flatMap(q -> q.heads().stream())
                .flatMap(List::stream)
                .flatMap(i -> i.jobs().stream())
                .collect(Collectors.groupingBy(Job::result, Collectors.counting()));
        assertThat(results)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Optional.empty(),
                        197L,
                        Optional.of("SUCCESS"),
                        157L,
                        Optional.of("FAILURE"),
                        35L,
                        Optional.of("CANCELED"),
                        9L));
        assertThat(snapshot.zuulVersion()).isEmpty();
        assertThat(snapshot.lastReconfigured()).isEmpty();
    }

    @Test
    void v2ServerFieldsAndJobsAreRead() throws IOException {
        ZuulSnapshot demo = fixture("v2-status-basic-demo.json");
        assertThat(demo.message()).hasValue("Example info message");
        assertThat(demo.lastReconfigured()).hasValue(Instant.ofEpochMilli(1389381756000L));

        ZuulSnapshot busy = fixture("v2-status-openstack-2014-03-23.json");
        assertThat(busy.zuulVersion()).isEqualTo("2.0.0.114");
        Job job = busy.pipelines().stream()
                .flatMap(p -> p.queues().stream())
                .flatMap(q -> q.heads().stream())
                .flatMap(List::stream)
                .flatMap(i -> i.jobs().stream())
                .filter(j -> j.name().equals("check-grenade-dsvm"))
                .findFirst()
                .orElseThrow();
        assertThat(job.voting()).isTrue();
        assertThat(job.url()).startsWith("https://");
        assertThat(job.tries()).isEqualTo(1);
    }

    @Test
    void aV3DocumentWithRefsJobGraphAndQueueStateIsRead() throws IOException {
        ZuulSnapshot snapshot = text("""
                {"zuul_version":"10.1.0","last_reconfigured":1795500000000,
                 "trigger_event_queue":{"length":3},"result_event_queue":{"length":1},"management_event_queue":{"length":0},
                 "state":{"trigger_queue_paused":true,"result_queue_paused":false},
                 "pipelines":[{"name":"gate","description":"Changes approved by a core reviewer","manager":"dependent","triggers":[],
                   "change_queues":[{"name":"contrail-vnc","branch":"master","window":20,"heads":[[
                     {"id":"5f9c0e1a","active":true,"live":true,"item_ahead":null,"items_behind":["77aa"],"failing_reasons":[],
                      "enqueue_time":1795500100000,"remaining_time":null,"zuul_ref":"Zabc",
                      "refs":[{"id":"41234,3","ref":"refs/changes/34/41234/3","project":"Juniper/contrail-controller",
                               "url":"https://review.opencontrail.org/41234","owner":{"name":"Dev One","username":"dev1"}}],
                      "jobs":[{"name":"contrail-vnc-build-package-centos74","uuid":"b1","result":null,"voting":true,
                               "elapsed_time":600000,"remaining_time":1200000,"estimated_time":1800,"start_time":1795500200.5,
                               "tries":2,"queued":false,"dependencies":[],"waiting_status":null,"url":"finger://x"},
                              {"name":"contrail-sanity-centos7-k8s","uuid":null,"result":null,"voting":false,"queued":true,
                               "dependencies":["contrail-build-containers-centos7-queens"],
                               "waiting_status":"dependencies: contrail-build-containers-centos7-queens"}]}]]}]}]}
                """);

        assertThat(snapshot.triggerEventQueue()).isEqualTo(3);
        assertThat(snapshot.triggerQueuePaused()).isTrue();
        Pipeline gate = snapshot.pipelines().get(0);
        assertThat(gate.manager()).isEqualTo("dependent");
        ChangeQueue queue = gate.queues().get(0);
        assertThat(queue.branch()).hasValue("master");
        assertThat(queue.window()).hasValue(20);
        QueueItem item = queue.heads().get(0).get(0);
        assertThat(item.itemAhead()).isEmpty();
        assertThat(item.remainingTime()).isEmpty();
        assertThat(item.ref().orElseThrow()).satisfies(ref -> {
            assertThat(ref.project()).isEqualTo("Juniper/contrail-controller");
            assertThat(ref.change()).hasValue(41234);
            assertThat(ref.patchSet()).hasValue(3);
            assertThat(ref.owner()).isEqualTo("Dev One");
        });
        Job build = item.jobs().get(0);
        assertThat(build.estimated()).hasValue(Duration.ofSeconds(1800));
        assertThat(build.startTime()).hasValue(Instant.ofEpochMilli(1795500200500L));
        assertThat(build.tries()).isEqualTo(2);
        Job sanity = item.jobs().get(1);
        assertThat(sanity.voting()).isFalse();
        assertThat(sanity.queued()).isTrue();
        assertThat(sanity.dependencies()).containsExactly("contrail-build-containers-centos7-queens");
        assertThat(sanity.waitingStatus()).startsWith("dependencies:");
    }

    @Test
    void whatIsNotAStatusDocumentIsRefusedWithWhere() {
        assertThatThrownBy(() -> text("{\"pipelines\":[{\"name\":"))
                .isInstanceOf(ZuulStatusException.class)
                .hasMessageContaining("invalid JSON at line 1");
        assertThatThrownBy(() -> text("<html>502 Bad Gateway</html>")).isInstanceOf(ZuulStatusException.class);
        assertThatThrownBy(() -> text("{\"error\":\"tenant not found\"}"))
                .isInstanceOf(ZuulStatusException.class)
                .hasMessageContaining("no pipelines");
    }
}
