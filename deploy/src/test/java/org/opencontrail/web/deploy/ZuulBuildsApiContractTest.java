package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.fixtures.Http;

/**
 * Zuul's builds API asked the same questions of the sandbox's Zuul and of logs-web gives the same
 * builds: every parameter's meaning is Zuul's. Both are compared on the builds logs-web held when
 * the questions began (the sandbox goes on finishing builds meanwhile), the hidden project's left
 * out, which logs-web never keeps.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("suite")
class ZuulBuildsApiContractTest {

    @Test
    void theSandboxesZuulAndLogsWebAnswerTheSameBuilds(SandboxedSuite.Running running) {
        Http zuul = Http.at(running.sandbox().endpoints().get("ZUUL_URL"));
        Http logs = Http.at(running.suite().url(App.LOGS));
        String zuulBuilds = "api/tenant/" + CiCatalog.TENANT + "/builds";
        String logsBuilds = "/api/tenant/" + CiCatalog.TENANT + "/builds";

        // builds of several projects, jobs and results, held by logs-web
        Set<String> held = new TreeSet<>();
        await("logs-web holds 30 of the sandbox's finished builds")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    held.clear();
                    held.addAll(uuids(logs, logsBuilds + "?limit=10000"));
                    return held.size() >= 30;
                });
        Set<String> visible = new TreeSet<>(uuids(zuul, zuulBuilds + "?limit=10000"));
        visible.removeAll(uuids(zuul, zuulBuilds + "?limit=10000&project=" + encode(CiCatalog.HIDDEN_PROJECT)));
        Set<String> snapshot = new TreeSet<>(held);
        snapshot.retainAll(visible);
        assertThat(snapshot).as("builds both hold").hasSizeGreaterThanOrEqualTo(30);

        JsonNode sample = Http.json(logs.get(logsBuilds + "?limit=1").body()).get(0);
        String project = sample.get("ref").get("project").asText();
        String job = sample.get("job_name").asText();
        int change = firstChange(logs, logsBuilds);
        List<String> questions = List.of(
                "",
                "project=" + encode(project),
                "project=" + encode(project.substring(0, project.indexOf('/') + 1) + "*"),
                "job_name=" + encode(job),
                "job_name=" + encode(job.substring(0, Math.min(job.length(), 8)) + "*"),
                "job_name=" + encode(job) + "&job_name=no-such-job",
                "result=SUCCESS",
                "result=FAILURE&result=POST_FAILURE",
                "exclude_result=SUCCESS",
                "pipeline=check",
                "pipeline=gate&pipeline=post",
                "pipeline=*e*",
                "branch=master",
                "voting=1",
                "voting=0",
                "complete=true",
                "complete=false",
                "final=true",
                "held=0",
                "change=" + change,
                "change=" + change + "&patchset=1",
                "project=" + encode(project) + "&result=SUCCESS&voting=true");
        for (String question : questions) {
            Set<String> fromZuul = within(snapshot, uuids(zuul, zuulBuilds + "?limit=10000&" + question));
            Set<String> fromLogs = within(snapshot, uuids(logs, logsBuilds + "?limit=10000&" + question));
            assertThat(fromLogs).as("logs-web's answer to ?" + question).isEqualTo(fromZuul);
        }
        assertThat(within(snapshot, uuids(logs, logsBuilds + "?limit=10000&result=SUCCESS")))
                .as("questions that select something")
                .isNotEmpty();

        // new builds come in meanwhile, with higher ids: idx_max holds the list still
        long newest = Http.json(logs.get(logsBuilds + "?limit=1").body())
                .get(0)
                .get("_id")
                .asLong();
        String frozen = logsBuilds + "?idx_max=" + newest;
        List<String> newestFirst = uuids(logs, frozen + "&limit=10000");
        List<String> paged = new ArrayList<>();
        for (int skip = 0; skip < newestFirst.size(); skip += 7) {
            paged.addAll(uuids(logs, frozen + "&limit=7&skip=" + skip));
        }
        assertThat(paged).as("pages of 7 make the whole list, in order").isEqualTo(newestFirst);
        assertThat(zuul.get(zuulBuilds + "?idx_min=x").statusCode()).isEqualTo(400);
        assertThat(logs.get(logsBuilds + "?idx_min=x").statusCode()).isEqualTo(400);
    }

    private static int firstChange(Http logs, String builds) {
        for (JsonNode build : Http.json(logs.get(builds + "?limit=100").body())) {
            if (build.get("ref").hasNonNull("change")) {
                return build.get("ref").get("change").asInt();
            }
        }
        throw new AssertionError("no build of a change among the newest 100");
    }

    private static Set<String> within(Set<String> snapshot, List<String> uuids) {
        Set<String> kept = new LinkedHashSet<>(uuids);
        kept.retainAll(snapshot);
        return new TreeSet<>(kept);
    }

    private static List<String> uuids(Http site, String path) {
        List<String> uuids = new ArrayList<>();
        var answer = site.get(path);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        Http.json(answer.body()).forEach(b -> uuids.add(b.get("uuid").asText()));
        return uuids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
