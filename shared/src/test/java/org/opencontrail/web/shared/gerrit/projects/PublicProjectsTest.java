package org.opencontrail.web.shared.gerrit.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.gerrit.stream.GerritConfig;

/**
 * Visibility follows Gerrit's anonymous project list as a stand-in serves it on the wire: nothing
 * is shown before the first read, what the list leaves out or marks HIDDEN never is, a failed read
 * keeps the last list, a site started before its Gerrit reads the list soon after Gerrit answers,
 * and names configured as hidden stay hidden whatever Gerrit says.
 */
class PublicProjectsTest {

    /** Gerrit 3.x's answer to {@code GET /projects/?d}, with its XSSI prefix. */
    private static final String LIST = ")]}'\n{"
            + "\"All-Projects\":{\"id\":\"All-Projects\",\"description\":\"Access inherited by all other projects.\",\"state\":\"ACTIVE\"},"
            + "\"Juniper/contrail-controller\":{\"id\":\"Juniper%2Fcontrail-controller\",\"description\":\"Controller\",\"state\":\"ACTIVE\"},"
            + "\"Juniper/contrail-archive\":{\"id\":\"Juniper%2Fcontrail-archive\",\"state\":\"READ_ONLY\"},"
            + "\"Juniper/contrail-embargoed\":{\"id\":\"Juniper%2Fcontrail-embargoed\",\"state\":\"HIDDEN\"}}\n";

    private HttpServer gerrit;
    private final AtomicReference<String> answer = new AtomicReference<>(LIST);
    private final AtomicInteger status = new AtomicInteger(200);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws IOException {
        gerrit = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gerrit.createContext("/projects/", exchange -> {
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gerrit.start();
    }

    @AfterEach
    void stop() {
        gerrit.stop(0);
        timer.shutdownNow();
    }

    private PublicProjects projects(List<String> hidden) {
        GerritConfig config = new GerritConfig(
                "http://127.0.0.1:" + gerrit.getAddress().getPort() + "/", false, false, Duration.ofDays(1));
        return new PublicProjects(
                config,
                new ProjectListConfig(Duration.ofMinutes(5), hidden, Duration.ofMillis(50)),
                java.time.Clock.systemUTC(),
                new ScheduledExecutorTaskScheduler(timer),
                decisions::add);
    }

    private final List<PublicProjects.Decided> decisions = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void aReadThatThrowsDoesNotEndTheReading() {
        AtomicInteger asked = new AtomicInteger();
        gerrit.removeContext("/projects/");
        gerrit.createContext("/projects/", exchange -> {
            asked.incrementAndGet();
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        GerritConfig config = new GerritConfig(
                "http://127.0.0.1:" + gerrit.getAddress().getPort() + "/", false, false, Duration.ofDays(1));
        PublicProjects projects = new PublicProjects(
                config,
                new ProjectListConfig(Duration.ofMinutes(5), List.of(), Duration.ofMillis(50)),
                java.time.Clock.systemUTC(),
                new ScheduledExecutorTaskScheduler(timer),
                decided -> {
                    throw new IllegalStateException("a listener broke");
                });

        projects.start();

        // the first read throws out of the announcement; the next is tried soon, not in 5 minutes, and goes well
        await().atMost(Duration.ofSeconds(10))
                .until(() -> asked.get() >= 2 && projects.status().problem().isEmpty());
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.SHOWN);
        projects.stop();
    }

    @Test
    void theFirstGoodReadIsAnnouncedOnce() {
        PublicProjects projects = projects(List.of());
        status.set(503);
        projects.refresh();
        assertThat(decisions).isEmpty();

        status.set(200);
        projects.refresh();
        projects.refresh();

        assertThat(decisions).containsExactly(new PublicProjects.Decided(2));
    }

    @Test
    void aSiteStartedBeforeItsGerritReadsTheListSoonAfterGerritAnswersNotAtTheNextRefresh() {
        status.set(503);
        PublicProjects projects = projects(List.of());
        projects.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> projects.status().problem().contains("503"));

        status.set(200);

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
        status.set(503);
        projects.refresh();
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.UNKNOWN);
        assertThat(projects.status().problem()).contains("503");

        status.set(200);
        projects.refresh();
        answer.set("not json");
        projects.refresh();

        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.SHOWN);
        assertThat(projects.status().problem()).isNotEmpty();
    }

    @Test
    void aProjectHiddenLaterIsWithheldFromTheNextRead() {
        PublicProjects projects = projects(List.of());
        projects.refresh();
        answer.set(LIST.replace("\"Controller\",\"state\":\"ACTIVE\"", "\"Controller\",\"state\":\"HIDDEN\""));

        projects.refresh();

        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.WITHHELD);
    }

    @Test
    void configuredNamesAreHiddenWhateverGerritSaysAndWithoutGerrit() {
        PublicProjects projects = projects(List.of("Juniper/contrail-controller"));
        projects.refresh();
        assertThat(projects.of("Juniper/contrail-controller")).isEqualTo(Visibility.WITHHELD);

        PublicProjects noGerrit = new PublicProjects(
                GerritConfig.none(),
                new ProjectListConfig(Duration.ofMinutes(5), List.of("a/secret"), Duration.ofSeconds(1)),
                java.time.Clock.systemUTC(),
                new ScheduledExecutorTaskScheduler(timer),
                decided -> {});
        assertThat(noGerrit.decided()).isTrue();
        assertThat(noGerrit.of("a/public")).isEqualTo(Visibility.SHOWN);
        assertThat(noGerrit.of("a/secret")).isEqualTo(Visibility.WITHHELD);
    }
}
