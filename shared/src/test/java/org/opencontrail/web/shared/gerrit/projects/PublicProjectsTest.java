package org.opencontrail.web.shared.gerrit.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;
import org.opencontrail.web.shared.testing.GerritProjectList;

/**
 * Visibility follows Gerrit's anonymous project list as a stand-in serves it on the wire: nothing
 * is shown before the first read, what the list leaves out or marks HIDDEN never is, a failed read
 * keeps the last list, a site started before its Gerrit reads the list soon after Gerrit answers,
 * and names configured as hidden stay hidden whatever Gerrit says.
 */
class PublicProjectsTest {

    private final GerritProjectList gerrit = GerritProjectList.start()
            .active("All-Projects", "Juniper/contrail-controller")
            .state("READ_ONLY", "Juniper/contrail-archive")
            .hidden("Juniper/contrail-embargoed");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        gerrit.close();
        timer.shutdownNow();
    }

    private PublicProjects projects(List<String> hidden) {
        GerritSettings config = new GerritSettings(gerrit.url(), false, false, Duration.ofDays(1));
        return new PublicProjects(
                config,
                new ProjectListSettings(Duration.ofMinutes(5), hidden, Duration.ofMillis(50)),
                java.time.Clock.systemUTC(),
                new ScheduledExecutorTaskScheduler(timer),
                decisions::add);
    }

    private final List<PublicProjects.Decided> decisions = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void aReadThatThrowsDoesNotEndTheReading() {
        GerritSettings config = new GerritSettings(gerrit.url(), false, false, Duration.ofDays(1));
        PublicProjects projects = new PublicProjects(
                config,
                new ProjectListSettings(Duration.ofMinutes(5), List.of(), Duration.ofMillis(50)),
                java.time.Clock.systemUTC(),
                new ScheduledExecutorTaskScheduler(timer),
                decided -> {
                    throw new IllegalStateException("a listener broke");
                });

        projects.start();

        // the first read throws out of the announcement; the next is tried soon, not in 5 minutes, and goes well
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        gerrit.requests() >= 2 && projects.status().problem().isEmpty());
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.SHOWN);
        projects.stop();
    }

    @Test
    void theFirstGoodReadIsAnnouncedOnce() {
        PublicProjects projects = projects(List.of());
        gerrit.fail(503);
        projects.refresh();
        assertThat(decisions).isEmpty();

        gerrit.recover();
        projects.refresh();
        projects.refresh();

        assertThat(decisions).containsExactly(new PublicProjects.Decided(2));
    }

    @Test
    void aSiteStartedBeforeItsGerritReadsTheListSoonAfterGerritAnswersNotAtTheNextRefresh() {
        gerrit.fail(503);
        PublicProjects projects = projects(List.of());
        projects.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> projects.status().problem().contains("503"));

        gerrit.recover();

        // the refresh is 5 minutes: only a retry after the failed reads can decide this soon
        await().atMost(Duration.ofSeconds(10)).until(projects::decided);
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.SHOWN);
        assertThat(projects.status().problem()).isEmpty();
        projects.stop();
    }

    @Test
    void nothingIsShownBeforeTheListIsReadAndOnlyWhatItListsAfter() {
        PublicProjects projects = projects(List.of());
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.UNKNOWN);
        assertThat(projects.decided()).isFalse();

        projects.refresh();

        assertThat(projects.decided()).isTrue();
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.SHOWN);
        assertThat(projects.of("Juniper/contrail-archive"))
                .as("read-only projects are public")
                .isEqualTo(Visibility.SHOWN);
        assertThat(projects.of("Juniper/contrail-embargoed")).as("HIDDEN state").isEqualTo(Visibility.WITHHELD);
        assertThat(projects.of("All-Projects")).isEqualTo(Visibility.WITHHELD);
        assertThat(projects.of("Juniper/contrail-private"))
                .as("not listed to anonymous readers")
                .isEqualTo(Visibility.WITHHELD);
        assertThat(projects.status().listed()).contains(2);
    }

    @Test
    void aFailedReadKeepsTheLastListAndSaysWhy() {
        PublicProjects projects = projects(List.of());
        gerrit.fail(503);
        projects.refresh();
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.UNKNOWN);
        assertThat(projects.status().problem()).contains("503");

        gerrit.recover();
        projects.refresh();
        gerrit.answering("not json");
        projects.refresh();

        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.SHOWN);
        assertThat(projects.status().problem()).isNotEmpty();
    }

    @Test
    void aProjectHiddenLaterIsWithheldFromTheNextRead() {
        PublicProjects projects = projects(List.of());
        projects.refresh();
        gerrit.hidden("Juniper/contrail-controller");

        projects.refresh();

        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.WITHHELD);
    }

    @Test
    void configuredNamesAreHiddenWhateverGerritSaysAndWithoutGerrit() {
        PublicProjects projects = projects(List.of("Juniper/contrail-controller"));
        projects.refresh();
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.WITHHELD);

        PublicProjects noGerrit = new PublicProjects(
                GerritSettings.none(),
                new ProjectListSettings(Duration.ofMinutes(5), List.of("a/secret"), Duration.ofSeconds(1)),
                java.time.Clock.systemUTC(),
                new ScheduledExecutorTaskScheduler(timer),
                decided -> {});
        assertThat(noGerrit.decided()).isTrue();
        assertThat(noGerrit.of("a/public")).isEqualTo(Visibility.SHOWN);
        assertThat(noGerrit.of("a/secret")).isEqualTo(Visibility.WITHHELD);
    }
}
