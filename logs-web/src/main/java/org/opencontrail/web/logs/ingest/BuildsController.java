package org.opencontrail.web.logs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.logs.builds.BuildJson;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.store.UploadTokens;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;
import org.opencontrail.web.shared.gerrit.projects.Visibility;
import org.opencontrail.web.shared.http.BadRequest;
import org.opencontrail.web.shared.http.ClientRateLimits;
import org.opencontrail.web.shared.http.TurnedAway;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * {@code POST /api/builds}: enqueue a build given as Zuul's builds API JSON (token needed). Where a
 * build is then is {@link BuildStateController}'s.
 */
@Controller("/api/builds")
@ExecuteOn(TaskExecutors.BLOCKING)
final class BuildsController {

    private final BuildIntake intake;
    private final BuildRecords records;
    private final UploadTokens tokens;
    private final ClientRateLimits rates;

    private static final Duration NOT_RECORDED_WAIT = Duration.ofSeconds(30);
    private final PublicProjects projects;

    BuildsController(
            BuildIntake intake,
            BuildRecords records,
            UploadTokens tokens,
            ClientRateLimits rates,
            PublicProjects projects) {
        this.projects = projects;
        this.rates = rates;
        this.intake = intake;
        this.records = records;
        this.tokens = tokens;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> enqueue(HttpRequest<?> request, @Body String body) throws IOException {
        rates.charge("upload", request); // before the token, so that tokens cannot be guessed at speed
        tokens.check(request);
        JsonNode node;
        try {
            node = ForeignJson.tree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        Build build = BuildJson.parseRequest(node, problems);
        if (!problems.isEmpty()) {
            throw new BadRequest(String.join("; ", problems));
        }
        if (projects.of(build.project()) == Visibility.WITHHELD) {
            throw new HttpStatusException(
                    HttpStatus.FORBIDDEN, "the build's project is not public: this site keeps no logs of it");
        }
        boolean seen = records.get(build.uuid())
                .map(r -> r.state() != IngestState.FAILED)
                .orElse(false);
        BuildRecord record;
        try {
            record = intake.submit(build, "api");
        } catch (java.io.UncheckedIOException e) {
            String why = records.writeProblem().isEmpty() ? e.getCause().getMessage() : records.writeProblem();
            throw TurnedAway.unavailable(
                    "ingest", NOT_RECORDED_WAIT, "This build cannot be recorded now (" + why + ")");
        }
        String answer = records.json().text(records.json().write(record));
        return seen ? HttpResponse.ok(answer) : HttpResponse.accepted().body(answer);
    }
}
