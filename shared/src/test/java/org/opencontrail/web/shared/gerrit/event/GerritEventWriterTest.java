package org.opencontrail.web.shared.gerrit.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the relay publishes reads back as the event it was, for every event of real servers in the test data. */
class GerritEventWriterTest {

    private static final List<String> DOCUMENTS = List.of(
            "real-gerrit-3.11.0/stream/session-demo-hello.jsonl",
            "pygerrit-testdata/change-abandoned-event.txt",
            "pygerrit-testdata/change-merged-event.txt",
            "pygerrit-testdata/comment-added-event.txt",
            "pygerrit-testdata/patchset-created-event.txt",
            "pygerrit-testdata/ref-updated-event.txt",
            "pygerrit-testdata/change-restored-event.txt",
            "pygerrit-testdata/topic-changed-event.txt",
            "pygerrit-testdata/reviewer-added-event.txt",
            "pygerrit-testdata/unhandled-event.txt",
            "pygerrit-testdata/user-defined-event.txt",
            "gerrit-events-testdata/DeserializeVoteDeletedTest.json",
            "gerrit-events-testdata/DeserializeChangeDeletedTest.json",
            "gerrit-events-testdata/DeserializeEventCreatedOnTest.json",
            "gerrit-events-testdata/DeserializeHashtagsChangedTest.json");

    /** Types that no recording holds, written the way Gerrit 3.x writes them. */
    private static final List<String> HAND_WRITTEN = List.of("""
            {"type":"batch-ref-updated","submitter":{"name":"Ann","username":"ann"},"refUpdates":[{"oldRev":"0000000000000000000000000000000000000000","newRev":"a1b2","refName":"refs/heads/r5.0","project":"Juniper/contrail-controller"},{"oldRev":"c3","newRev":"d4","refName":"refs/tags/v5.0","project":"Juniper/contrail-controller"}],"eventCreatedOn":1700000000}""", """
            {"type":"project-created","projectName":"Juniper/contrail-new","headName":"refs/heads/master","eventCreatedOn":1700000001}""", """
            {"type":"project-head-updated","projectName":"Juniper/contrail-new","oldHead":"refs/heads/master","newHead":"refs/heads/main","eventCreatedOn":1700000002}""", """
            {"type":"dropped-output","eventCreatedOn":1700000003}""", """
            {"type":"ref-replicated","project":"Juniper/contrail-controller","ref":"refs/heads/master","targetNode":"git.opencontrail.org","status":"succeeded","eventCreatedOn":1700000004}""", """
            {"type":"wip-state-changed","changer":{"username":"bob"},"change":{"project":"Juniper/contrail-common","branch":"master","id":"I1","number":7,"subject":"<b>wip</b>","owner":{"username":"bob"},"url":"https://review.opencontrail.org/7","commitMessage":"wip\\n","createdOn":1699999999,"status":"NEW","wip":true,"private":true,"topic":"t"},"patchSet":{"number":2,"revision":"abc","parents":["def"],"ref":"refs/changes/07/7/2","uploader":{"username":"bob"},"author":{"name":"Bob","email":"bob@example.org"},"createdOn":1699999999,"kind":"REWORK","sizeInsertions":3,"sizeDeletions":-1},"eventCreatedOn":1700000005}""", """
            {"type":"private-state-changed","changer":{"username":"bob"},"change":{"project":"Juniper/contrail-common","branch":"master","id":"I1","number":7,"subject":"s","owner":{"username":"bob"},"url":"u","commitMessage":"m","createdOn":1699999999,"status":"NEW"},"eventCreatedOn":1700000006}""", """
            {"type":"reviewer-deleted","reviewer":{"username":"carl"},"remover":{"username":"bob"},"comment":"Removed","approvals":[{"type":"Code-Review","description":"Code-Review","value":"0","oldValue":"-1"}],"change":{"project":"p","branch":"b","id":"I2","number":8,"subject":"s","owner":{"username":"bob"},"url":"u","commitMessage":"m","createdOn":1699999999,"status":"NEW"},"eventCreatedOn":1700000007}""");

    private final GerritEventParser parser = new GerritEventParser();
    private final GerritEventWriter writer = new GerritEventWriter();

    @Test
    void everyRecordedEventReadsBackEqual() throws IOException {
        List<GerritEvent> events = new ArrayList<>();
        for (String document : DOCUMENTS) {
            try (InputStream in = getClass().getResourceAsStream("/gerrit/" + document)) {
                assertThat(in).as(document).isNotNull();
                parser.parseDocument(new InputStreamReader(in, StandardCharsets.UTF_8)).stream()
                        .filter(ParseOutcome.Parsed.class::isInstance)
                        .map(outcome -> ((ParseOutcome.Parsed) outcome).event())
                        .forEach(events::add);
            }
        }
        HAND_WRITTEN.forEach(line -> events.add(((ParseOutcome.Parsed) parser.parseLine(line)).event()));

        for (GerritEvent event : events) {
            String line = writer.line(event);
            assertThat(line).as("one line").doesNotContain("\n");
            assertThat(parser.parseLine(line)).as(line).isEqualTo(new ParseOutcome.Parsed(event));
        }
        Set<String> types = events.stream().map(GerritEvent::type).collect(Collectors.toSet());
        assertThat(types)
                .as("every type the model knows is written at least once")
                .contains(
                        "patchset-created",
                        "comment-added",
                        "change-merged",
                        "change-abandoned",
                        "change-restored",
                        "change-deleted",
                        "reviewer-added",
                        "reviewer-deleted",
                        "vote-deleted",
                        "topic-changed",
                        "hashtags-changed",
                        "wip-state-changed",
                        "private-state-changed",
                        "ref-updated",
                        "batch-ref-updated",
                        "project-created",
                        "project-head-updated",
                        "dropped-output",
                        "ref-replicated");
    }

    @Test
    void anEventOfAnUnknownTypeTravelsAsItCame() {
        String line = "{\"type\":\"plugin-thing\",\"eventCreatedOn\":1700000000,\"x\":[1,2]}";
        GerritEvent event = ((ParseOutcome.Parsed) parser.parseLine(line)).event();
        assertThat(writer.line(event)).isEqualTo(line);
    }
}
