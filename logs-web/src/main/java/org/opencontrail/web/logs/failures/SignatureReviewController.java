package org.opencontrail.web.logs.failures;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.BadQuery;
import org.opencontrail.web.logs.search.SearchRequest;
import org.opencontrail.web.logs.search.SearchResult;
import org.opencontrail.web.logs.search.SearchService;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.http.ClientRateLimits;

/**
 * New known failures from the web: recurring unknown error lines ({@code /failures/fingerprints}),
 * a signature tried on every log before it is proposed ({@code /failures/new}), and the proposals
 * a reviewer accepts or rejects with a token ({@code /failures/proposals}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignatureReviewController {

    private final Fingerprints fingerprints;
    private final Proposals proposals;
    private final SearchService search;
    private final ClientRateLimits rates;
    private final Clock clock;

    private final Pages views;

    SignatureReviewController(
            Fingerprints fingerprints,
            Proposals proposals,
            SearchService search,
            ClientRateLimits rates,
            Clock clock,
            Pages views) {
        this.views = views;
        this.clock = clock;
        this.fingerprints = fingerprints;
        this.rates = rates;
        this.proposals = proposals;
        this.search = search;
    }

    /** A proposal's form, as sent. */
    @io.micronaut.serde.annotation.Serdeable
    record Form(
            @Nullable String id,
            @Nullable String query,
            @Nullable String suppressGraph,
            @Nullable String allowNonvoting,
            @Nullable String token) {

        Signature signature() {
            return new Signature(
                    id == null ? "" : id.strip(),
                    query == null ? "" : query.strip(),
                    "on".equals(suppressGraph) || "true".equals(suppressGraph),
                    false,
                    "on".equals(allowNonvoting) || "true".equals(allowNonvoting),
                    List.of());
        }
    }

    /** A proposal with what it matches now. */
    record Pending(
            Signature signature, long lines, long builds, String searchUrl, String acceptUrl, String rejectUrl) {}

    @Get(uri = "/api/failures/fingerprints", produces = MediaType.APPLICATION_JSON)
    List<Fingerprints.Group> fingerprintsJson() {
        return fingerprints.groups(clock.instant(), Duration.ofDays(10));
    }

    @Get("/failures/fingerprints")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> fingerprintsPage(HttpRequest<?> request) {
        return views.ok(
                "fingerprints", Map.of("groups", fingerprints.groups(clock.instant(), Duration.ofDays(10))), request);
    }

    @Get("/failures/new")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> form(HttpRequest<?> request, @QueryValue @Nullable String query, @QueryValue @Nullable String id) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", id == null ? "" : id);
        model.put("query", query == null ? "" : query);
        if (query != null && !query.isBlank()) {
            try {
                model.put("preview", search.search(new SearchRequest(query, null, null, Severity.NONE, 0, 10)));
            } catch (BadQuery e) {
                model.put("problem", e.getMessage());
                return views.status(HttpStatus.BAD_REQUEST, "signature-new", model, request);
            }
        }
        return views.ok("signature-new", model, request);
    }

    @Post(uri = "/failures/proposals", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> propose(HttpRequest<?> request, @Body Form form) {
        rates.charge("review", request);
        Signature signature = form.signature();
        try {
            proposals.propose(signature);
            return HttpResponse.seeOther(URI.create(LogsUrls.proposal(signature.id())));
        } catch (BadQuery e) {
            return refused(request, signature, "the query does not run: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return refused(request, signature, e.getMessage());
        } catch (IOException e) {
            return refused(request, signature, "it could not be kept: " + e.getMessage());
        }
    }

    private HttpResponse<?> refused(HttpRequest<?> request, Signature signature, String why) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", signature.id());
        model.put("query", signature.query());
        model.put("problem", why);
        return views.status(HttpStatus.BAD_REQUEST, "signature-new", model, request);
    }

    @Get("/failures/proposals")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> proposalsPage(HttpRequest<?> request) {
        List<Pending> pending = new ArrayList<>();
        for (Signature signature : proposals.all()) {
            long lines = 0;
            long builds = 0;
            try {
                SearchResult result =
                        search.search(new SearchRequest(signature.query(), null, null, Severity.NONE, 0, 0));
                lines = result.total();
                builds = result.builds();
            } catch (BadQuery e) {
                // kept proposals were checked; a change of the language since is shown as no match
            }
            pending.add(new Pending(
                    signature,
                    lines,
                    builds,
                    LogsUrls.search(signature.query()),
                    LogsUrls.acceptProposal(signature.id()),
                    LogsUrls.rejectProposal(signature.id())));
        }
        return views.ok("proposals", Map.of("pending", pending), request);
    }

    @Post(uri = "/failures/proposals/{id}/accept", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> accept(HttpRequest<?> request, @PathVariable String id, @Body Form form) throws IOException {
        rates.charge("review", request); // before the token, so that tokens cannot be guessed at speed
        if (!proposals.reviewer(form.token())) {
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body("a reviewer's token (logs.signatures.review-tokens) is needed to accept a signature");
        }
        try {
            proposals.accept(id);
        } catch (IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(e.getMessage());
        }
        return HttpResponse.seeOther(URI.create(LogsUrls.signature(id)));
    }

    @Post(uri = "/failures/proposals/{id}/reject", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reject(HttpRequest<?> request, @PathVariable String id, @Body Form form) throws IOException {
        rates.charge("review", request);
        if (!proposals.reviewer(form.token())) {
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body("a reviewer's token (logs.signatures.review-tokens) is needed to reject a signature");
        }
        try {
            proposals.reject(id);
        } catch (IllegalArgumentException e) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(e.getMessage());
        }
        return HttpResponse.seeOther(URI.create("/failures/proposals"));
    }
}
