package org.opencontrail.web.shared.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.gerrit.projects.ProjectListSettings;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.testing.GerritProjectList;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;
import org.opencontrail.web.shared.zuul.status.ZuulStatusParser;

/** Listeners behind {@link VisibleOnly} never hear of a project the site may not show. */
class VisibleOnlyTest {

    private static final String SHOWN = "openstack/nova";
    private GerritProjectList gerrit;
    private PublicProjects projects;
    private VisibleFeeds feeds;

    /** Everything a listener was told, in order. */
    private static final class Heard<T> implements EventListener<T> {
        final List<Object> told = new ArrayList<>();

        @Override
        public void onEvent(T event) {
            told.add(event);
        }

        @Override
        public void onGap(long dropped) {
            told.add("gap " + dropped);
        }
    }

    @BeforeEach
    void start() {
        gerrit = GerritProjectList.start().active(SHOWN, "openstack/neutron");
        projects = new PublicProjects(
                new GerritSettings(gerrit.url(), false, false, Duration.ofDays(1)),
                new ProjectListSettings(Duration.ofMinutes(5), List.of(), Duration.ofSeconds(1)),
                java.time.Clock.systemUTC(),
                new io.micronaut.scheduling.ScheduledExecutorTaskScheduler(
                        java.util.concurrent.Executors.newSingleThreadScheduledExecutor()),
                decided -> feeds.onDecided(decided));
        feeds = new VisibleFeeds(projects);
    }

    @AfterEach
    void stop() {
        gerrit.close();
    }

    private static GerritEvent patchSet(String project, int number) {
        String json = "{\"type\":\"patchset-created\",\"change\":{\"project\":\"" + project
                + "\",\"branch\":\"master\",\"id\":\"I1\","
                + "\"number\":" + number
                + ",\"subject\":\"s\",\"owner\":{\"name\":\"A\"},\"url\":\"u\",\"status\":\"NEW\"},"
                + "\"patchSet\":{\"number\":1,\"revision\":\"abc\",\"ref\":\"refs/changes/01/" + number + "/1\"},"
                + "\"uploader\":{\"name\":\"A\"},\"eventCreatedOn\":1700000000}";
        return ((ParseOutcome.Parsed) new GerritEventParser().parseLine(json)).event();
    }

    @Test
    void gerritEventsOfOtherProjectsAreDroppedAndThoseBeforeTheListIsReadWaitForIt() {
        Heard<GerritEvent> heard = new Heard<>();
        EventListener<GerritEvent> visible = feeds.gerrit(heard);

        visible.onEvent(patchSet(SHOWN, 1)); // before the list is read: held back, not shown
        visible.onEvent(patchSet("openstack/secret", 2));
        assertThat(heard.told).isEmpty();
        projects.refresh(); // hands on what was held, without waiting for another event
        assertThat(heard.told).hasSize(1);
        visible.onEvent(patchSet("openstack/secret", 3));
        visible.onEvent(patchSet(SHOWN, 4));

        assertThat(heard.told)
                .extracting(event -> ((GerritEvent.ChangeEvent) event).change().number())
                .containsExactly(1, 4);
    }

    @Test
    void pastWhatCanBeHeldTheListenerIsToldOfAGap() {
        Heard<GerritEvent> heard = new Heard<>();
        EventListener<GerritEvent> visible = feeds.gerrit(heard);
        for (int i = 0; i < VisibleOnly.HELD_EVENTS + 5; i++) {
            visible.onEvent(patchSet(SHOWN, i + 1));
        }

        projects.refresh();

        assertThat(heard.told).hasSize(VisibleOnly.HELD_EVENTS + 1).last().isEqualTo("gap 0");
    }

    @Test
    void ofStatusSnapshotsOnlyTheNewestIsHeld() throws IOException {
        ZuulSnapshot older;
        ZuulSnapshot newer;
        try (InputStream in = getClass().getResourceAsStream("/zuul/v2-status-basic-demo.json");
                InputStream busy =
                        getClass().getResourceAsStream("/zuul/v2-status-openstack-2013-09-27-busy-gate.json")) {
            older = new ZuulStatusParser().parse(in);
            newer = new ZuulStatusParser().parse(busy);
        }
        Heard<ZuulSnapshot> heard = new Heard<>();
        EventListener<ZuulSnapshot> visible = feeds.status(heard);
        visible.onEvent(older);
        visible.onEvent(newer);

        projects.refresh();

        assertThat(heard.told).hasSize(1);
        assertThat(projectsOf((ZuulSnapshot) heard.told.get(0))).containsExactlyInAnyOrder(SHOWN, "openstack/neutron");
    }

    @Test
    void aStatusSnapshotKeepsOnlyTheItemsOfShownProjects() throws IOException {
        ZuulSnapshot snapshot;
        try (InputStream in = getClass().getResourceAsStream("/zuul/v2-status-openstack-2013-09-27-busy-gate.json")) {
            snapshot = new ZuulStatusParser().parse(in);
        }
        Set<String> before = projectsOf(snapshot);
        assertThat(before).contains(SHOWN, "openstack/neutron").hasSizeGreaterThan(3);
        projects.refresh();
        Heard<ZuulSnapshot> heard = new Heard<>();

        feeds.status(heard).onEvent(snapshot);

        ZuulSnapshot seen = (ZuulSnapshot) heard.told.get(0);
        assertThat(projectsOf(seen)).containsExactlyInAnyOrder(SHOWN, "openstack/neutron");
        long kept = snapshot.pipelines().stream()
                .flatMap(p -> p.queues().stream())
                .flatMap(q -> q.heads().stream())
                .flatMap(List::stream)
                .filter(item -> item.refs().stream()
                        .allMatch(ref -> Set.of(SHOWN, "openstack/neutron").contains(ref.project())))
                .count();
        assertThat(seen.itemCount()).isEqualTo(kept).isPositive();
        assertThat(seen.pipelines())
                .extracting(ZuulSnapshot.Pipeline::name)
                .containsExactlyElementsOf(snapshot.pipelines().stream()
                        .map(ZuulSnapshot.Pipeline::name)
                        .toList());
        assertThat(seen.pipelines().stream().flatMap(p -> p.queues().stream()))
                .allSatisfy(queue -> assertThat(
                                queue.itemCount() > 0 || !queue.name().contains("/"))
                        .isTrue());
    }

    private static Set<String> projectsOf(ZuulSnapshot snapshot) {
        return snapshot.pipelines().stream()
                .flatMap(p -> p.queues().stream())
                .flatMap(q -> q.heads().stream())
                .flatMap(List::stream)
                .flatMap(item -> item.refs().stream())
                .map(QueueItem.ItemRef::project)
                .collect(Collectors.toSet());
    }
}
