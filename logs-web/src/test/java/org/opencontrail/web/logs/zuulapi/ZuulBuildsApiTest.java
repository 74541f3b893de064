package org.opencontrail.web.logs.zuulapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.testing.GerritProjectList;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * Zuul's builds API on logs-web, as Zuul's clients read it: the fields with Zuul's names, order and
 * JSON types, the parameters with Zuul's meanings, the tenant and white-label forms, errors that
 * say what is wrong, CORS for browser tools, and no trace of a project that is not public.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZuulBuildsApiTest {

    private static final String PUBLIC = "Juniper/contrail-controller";
    private static final String OTHER = "Juniper/contrail-vrouter";
    private static final String HIDDEN = "Juniper/contrail-embargoed";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00.750Z");

    @TempDir
    static Path temp;

    private GerritProjectList gerrit;
    private EmbeddedServer server;
    private Http site;

    @BeforeAll
    void start() {
        gerrit = GerritProjectList.start().active(PUBLIC, OTHER).hidden(HIDDEN);
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        properties.put("gerrit.url", gerrit.url());
        properties.put("zuul.tenant", "opencontrail");
        properties.put("branding.logs-url", "https://logs.example.org/");
        properties.put("branding.review-url", "https://review.example.org");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        site = Http.at(server.getURL());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> server.getApplicationContext()
                        .getBean(org.opencontrail.web.shared.gerrit.projects.PublicProjects.class)
                        .decided());
        BuildRecords records = server.getApplicationContext().getBean(BuildRecords.class);
        records.save(done(build("1111111aaaa", PUBLIC, "unittest", "SUCCESS", true, false, 300011, 2, "set1", 0)));
        records.save(done(build("2222222bbbb", PUBLIC, "pep8", "FAILURE", true, false, 300011, 2, "set1", 5)));
        records.save(done(build("3333333cccc", OTHER, "unittest", "FAILURE", false, true, 300012, 1, "set2", 10)));
        records.save(done(build("4444444dddd", HIDDEN, "unittest", "FAILURE", true, false, 300013, 1, "set3", 15)));
        records.save(
                done(build("5555555eeee", OTHER, "unittest-centos", "SUCCESS", true, false, 300012, 1, "set2", 20)));
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
        gerrit.close();
    }

    @Test
    void aBuildHasZuulsFieldsInZuulsOrderAndTypes() {
        JsonNode builds = json("/api/tenant/opencontrail/builds?uuid=1111111aaaa");
        assertThat(builds).hasSize(1);
        JsonNode build = builds.get(0);
        List<String> keys = new ArrayList<>();
        build.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "_id",
                        "uuid",
                        "job_name",
                        "result",
                        "held",
                        "start_time",
                        "end_time",
                        "duration",
                        "voting",
                        "log_url",
                        "nodeset",
                        "error_detail",
                        "final",
                        "artifacts",
                        "provides",
                        "ref",
                        "pipeline",
                        "event_id",
                        "event_timestamp",
                        "buildset");
        assertThat(build.get("_id").isIntegralNumber()).isTrue();
        assertThat(build.get("start_time").asText())
                .as("UTC, whole seconds, no zone")
                .isEqualTo("2026-11-20T10:00:00");
        assertThat(build.get("end_time").asText()).isEqualTo("2026-11-20T10:10:00");
        assertThat(build.get("duration").isNumber()).isTrue();
        assertThat(build.get("duration").asDouble()).isEqualTo(600.0);
        assertThat(build.get("held").isBoolean()).isTrue();
        assertThat(build.get("final").asBoolean()).isTrue();
        assertThat(build.get("error_detail").isNull()).isTrue();
        assertThat(build.get("log_url").asText())
                .as("where its logs are kept now")
                .startsWith("https://logs.example.org/11/300011/2/check/unittest/1111111/");
        JsonNode ref = build.get("ref");
        assertThat(ref.get("project").asText()).isEqualTo(PUBLIC);
        assertThat(ref.get("change").isInt()).isTrue();
        assertThat(ref.get("patchset").isTextual())
                .as("a string, as Zuul writes it")
                .isTrue();
        assertThat(ref.get("patchset").asText()).isEqualTo("2");
        assertThat(ref.get("ref_url").asText()).isEqualTo("https://review.example.org/c/300011/2");
        assertThat(build.get("buildset").get("uuid").asText()).isEqualTo("set1");
        assertThat(build.get("buildset").has("refs"))
                .as("only for a build asked alone")
                .isFalse();
        JsonNode artifact = build.get("artifacts").get(0);
        assertThat(artifact.get("url").asText())
                .as("an artifact under its old log folder points here")
                .isEqualTo("https://logs.example.org/11/300011/2/check/unittest/1111111/zuul-manifest.json");
        assertThat(artifact.get("metadata").get("type").asText()).isEqualTo("zuul_manifest");
    }

    @Test
    void theWhiteLabelFormsAnswerTheSame() {
        assertThat(json("/api/builds?project=" + PUBLIC))
                .isEqualTo(json("/api/tenant/opencontrail/builds?project=" + PUBLIC));
        assertThat(json("/api/build/1111111aaaa")).isEqualTo(json("/api/tenant/opencontrail/build/1111111aaaa"));
        assertThat(json("/api/buildsets")).isEqualTo(json("/api/tenant/opencontrail/buildsets"));
        assertThat(json("/api/buildset/set1")).isEqualTo(json("/api/tenant/opencontrail/buildset/set1"));
        assertThat(json("/api/build-times")).isEqualTo(json("/api/tenant/opencontrail/build-times"));
    }

    @Test
    void filtersMeanWhatTheyMeanInZuul() {
        assertThat(uuids("/api/builds"))
                .as("newest first, the hidden project's build nowhere")
                .containsExactly("5555555eeee", "3333333cccc", "2222222bbbb", "1111111aaaa");
        assertThat(uuids("/api/builds?job_name=unittest*"))
                .containsExactly("5555555eeee", "3333333cccc", "1111111aaaa");
        assertThat(uuids("/api/builds?result=FAILURE&result=SUCCESS&project=Juniper/contrail-v*"))
                .containsExactly("5555555eeee", "3333333cccc");
        assertThat(uuids("/api/builds?change=300011&patchset=2&voting=1"))
                .containsExactly("2222222bbbb", "1111111aaaa");
        assertThat(uuids("/api/builds?voting=0")).containsExactly("3333333cccc");
        assertThat(uuids("/api/builds?final=false")).containsExactly("3333333cccc");
        assertThat(uuids("/api/builds?exclude_result=FAILURE")).containsExactly("5555555eeee", "1111111aaaa");
        assertThat(uuids("/api/builds?limit=2&skip=1")).containsExactly("3333333cccc", "2222222bbbb");
        assertThat(uuids("/api/builds?project=" + HIDDEN)).isEmpty();
    }

    @Test
    void aBuildAskedAloneNamesItsBuildsetsRefs() {
        JsonNode build = json("/api/build/2222222bbbb");
        assertThat(build.get("buildset").get("refs").get(0).get("change").asInt())
                .isEqualTo(300011);
        assertThat(site.get("/api/build/4444444dddd").statusCode())
                .as("a hidden project's build")
                .isEqualTo(404);
        HttpResponse<String> missing = site.get("/api/build/9999999ffff");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Build not found");
    }

    @Test
    void buildsetsHaveTheirBuildsFirstMadeFirst() {
        assertThat(json("/api/buildsets"))
                .extracting(b -> b.get("uuid").asText())
                .containsExactly("set2", "set1");
        JsonNode set = json("/api/buildset/set1");
        assertThat(set.get("result").asText()).as("a voting build failed").isEqualTo("FAILURE");
        assertThat(set.get("first_build_start_time").asText()).isEqualTo("2026-11-20T10:00:00");
        assertThat(set.get("last_build_end_time").asText()).isEqualTo("2026-11-20T10:15:00");
        assertThat(set.get("refs")).hasSize(1);
        assertThat(set.get("builds"))
                .extracting(b -> b.get("uuid").asText())
                .containsExactly("1111111aaaa", "2222222bbbb");
        assertThat(set.get("builds").get(0).has("pipeline"))
                .as("nested builds lack their buildset's part")
                .isFalse();
        assertThat(json("/api/buildsets"))
                .allSatisfy(s -> assertThat(s.has("builds")).isFalse());
        assertThat(site.get("/api/buildset/set3").statusCode())
                .as("a hidden project's buildset")
                .isEqualTo(404);
    }

    @Test
    void buildTimesListFinishedBuildsByWhenTheyEnded() {
        JsonNode times = json("/api/build-times?job_name=unittest");
        assertThat(times).extracting(b -> b.get("uuid").asText()).containsExactly("3333333cccc", "1111111aaaa");
        assertThat(times.get(0).get("ref").isTextual()).as("the ref's name").isTrue();
        assertThat(times.get(0).get("project").asText()).isEqualTo(OTHER);
    }

    @Test
    void anotherTenantDoesNotExist() {
        HttpResponse<String> answer = site.get("/api/tenant/openstack/builds");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("Tenant openstack does not exist.");
    }

    @Test
    void badParametersAreRefusedWithWhy() {
        HttpResponse<String> index = site.get("/api/builds?idx_min=abc");
        assertThat(index.statusCode()).isEqualTo(400);
        assertThat(index.body()).contains("idx_min, idx_max must be integers");
        assertThat(site.get("/api/builds?change=300011,2").body()).contains("change");
        assertThat(site.get("/api/builds?change=300011,2").statusCode()).isEqualTo(400);
        assertThat(site.get("/api/builds?colour=red").body()).contains("unknown parameter colour");
        assertThat(site.get("/api/builds?limit=100000").statusCode()).isEqualTo(400);
        assertThat(site.get("/api/builds?voting=maybe").statusCode()).isEqualTo(400);
        assertThat(site.get("/api/buildsets?job_name=x").statusCode())
                .as("not a buildset's parameter")
                .isEqualTo(400);
    }

    @Test
    void browserToolsMayReadItFromAnotherSite() {
        HttpResponse<String> answer = site.get("/api/builds", "Origin", "https://review.example.org");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(site.get("/api/tenant/nope/builds").headers().firstValue("Access-Control-Allow-Origin"))
                .as("errors too")
                .hasValue("*");
        HttpResponse<String> preflight = site.send(
                "OPTIONS",
                "/api/tenant/opencontrail/builds",
                HttpRequest.BodyPublishers.noBody(),
                "Origin",
                "https://review.example.org",
                "Access-Control-Request-Method",
                "GET");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValue("GET, OPTIONS");
    }

    private JsonNode json(String path) {
        HttpResponse<String> answer = site.get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return Http.json(answer.body());
    }

    private List<String> uuids(String path) {
        List<String> uuids = new ArrayList<>();
        json(path).forEach(b -> uuids.add(b.get("uuid").asText()));
        return uuids;
    }

    private static Build build(
            String uuid,
            String project,
            String job,
            String result,
            boolean voting,
            boolean retried,
            int change,
            int patchSet,
            String buildset,
            int minutes) {
        Instant start = T0.plus(Duration.ofMinutes(minutes));
        String logUrl = "https://zuul.example/logs/" + uuid + "/";
        return new Build(
                uuid,
                job,
                Optional.of(result),
                voting,
                "check",
                project,
                "master",
                Optional.of(change),
                Optional.of(patchSet),
                "refs/changes/" + change % 100 + "/" + change + "/" + patchSet,
                "",
                logUrl,
                Optional.of(start),
                Optional.of(start.plus(Duration.ofMinutes(10))),
                Optional.empty(),
                "ubuntu-jammy",
                "",
                buildset,
                retried,
                false,
                List.of(new Build.Artifact(
                        "Zuul Manifest", logUrl + "zuul-manifest.json", Map.of("type", "zuul_manifest"))),
                "");
    }

    private static BuildRecord done(Build build) {
        return new BuildRecord(
                build,
                BuildRecord.rootOf(build),
                "mqtt",
                IngestState.DONE,
                "",
                1,
                List.of(new BuildRecord.StoredFile("job-output.txt", 100, 50)),
                T0,
                T0.plus(Duration.ofHours(1)));
    }
}
