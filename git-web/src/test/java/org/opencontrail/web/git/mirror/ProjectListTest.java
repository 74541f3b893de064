package org.opencontrail.web.git.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;

class ProjectListTest {

    private static GitSettings settings(String fetchUrl) {
        return new GitSettings(
                "git-data",
                fetchUrl,
                Duration.ofMinutes(5),
                Duration.ofMinutes(10),
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Duration.ofHours(6),
                128,
                256,
                Duration.ofSeconds(30));
    }

    private final ProjectList gerrit = new ProjectList(
            List.of(),
            new GerritSettings("https://review.example.org/", false, false, Duration.ofDays(1)),
            settings(""));

    @Test
    void gerritsListLosesHiddenProjectsGerritsOwnAndUnsafeNames() throws IOException {
        String body = """
                {"All-Projects":{"id":"All-Projects","state":"ACTIVE"},
                 "All-Users":{"id":"All-Users","state":"ACTIVE"},
                 "Juniper/contrail-controller":{"id":"Juniper%2Fcontrail-controller","description":"Controller <b>core</b>\\n","state":"ACTIVE"},
                 "Juniper/old":{"id":"Juniper%2Fold","state":"READ_ONLY"},
                 "Juniper/secret-staging":{"id":"Juniper%2Fsecret-staging","state":"HIDDEN"},
                 "../escape":{"id":"..%2Fescape"},
                 "Juniper/+evil":{"id":"x"}}
                """;
        List<PublicProject> projects = gerrit.parse(body);
        assertThat(projects)
                .extracting(PublicProject::name)
                .containsExactly("Juniper/contrail-controller", "Juniper/old");
        assertThat(projects.get(0).description()).isEqualTo("Controller <b>core</b>");
        assertThat(projects.get(0).fetchUrl()).isEqualTo("https://review.example.org/Juniper/contrail-controller");
        assertThat(projects.get(1).state()).isEqualTo("READ_ONLY");
    }

    @Test
    void theFetchUrlTemplateNamesTheProject() {
        ProjectList list = new ProjectList(
                List.of(),
                new GerritSettings("https://review.example.org", false, false, Duration.ofDays(1)),
                settings("http://127.0.0.1:9/git/{project}.git"));
        assertThat(list.fetchUrl("Juniper/contrail-vrouter"))
                .isEqualTo("http://127.0.0.1:9/git/Juniper/contrail-vrouter.git");
    }

    @Test
    void aFetchUrlWithoutTheProjectIsAFolderOfBareRepositories() {
        GerritSettings gerrit = new GerritSettings("https://review.example.org", false, false, Duration.ofDays(1));
        assertThat(new ProjectList(List.of(), gerrit, settings("http://127.0.0.1:9/git"))
                        .fetchUrl("Juniper/contrail-vrouter"))
                .isEqualTo("http://127.0.0.1:9/git/Juniper/contrail-vrouter.git");
        assertThat(new ProjectList(List.of(), gerrit, settings("https://mirror.example.org/")).fetchUrl("a/b"))
                .isEqualTo("https://mirror.example.org/a/b.git");
    }

    @Test
    void aListThatIsNotGerritsIsAnError() {
        assertThatThrownBy(() -> gerrit.parse("[1,2]")).isInstanceOf(IOException.class);
    }

    @Test
    void configuredProjectsComeFirstAndBadNamesAreRefused() throws IOException {
        ProjectList configured = new ProjectList(
                List.of(
                        new ConfiguredProject(0, "tools/b", "file:///b", null),
                        new ConfiguredProject(1, "a", "file:///a", " A \n")),
                GerritSettings.none(),
                settings(""));
        assertThat(configured.load())
                .containsExactly(
                        new PublicProject("a", "A", "ACTIVE", "file:///a"),
                        new PublicProject("tools/b", "", "ACTIVE", "file:///b"));
        ProjectList bad = new ProjectList(
                List.of(new ConfiguredProject(0, "a/../../etc", "file:///a", null)),
                GerritSettings.none(),
                settings(""));
        assertThatThrownBy(bad::load).hasMessageContaining("cannot be a project name");
    }
}
