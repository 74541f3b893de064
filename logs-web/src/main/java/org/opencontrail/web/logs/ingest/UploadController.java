package org.opencontrail.web.logs.ingest;

import org.opencontrail.web.shared.http.BadRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.opencontrail.web.logs.store.StoreLimitException;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.shared.http.ClientRateLimits;
import org.opencontrail.web.shared.http.WorkLimits;

import java.io.IOException;
import java.io.InputStream;
import org.opencontrail.web.logs.store.UploadTokens;

/**
 * For Jenkins-style publishers (bearer token of {@code logs.upload-tokens}):
 * {@code PUT /upload/{path}} stores one file at that path; {@code POST /api/upload/{folder}} stores
 * a tar.gz of a build's files under that folder (the build's folder in the layout).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class UploadController {

    private final Uploads uploads;
    private final UploadTokens tokens;
    private final WorkLimits limits;
    private final ClientRateLimits rates;
    private final ObjectMapper json = new ObjectMapper();

    UploadController(Uploads uploads, UploadTokens tokens, WorkLimits limits, ClientRateLimits rates) {
        this.uploads = uploads;
        this.rates = rates;
        this.tokens = tokens;
        this.limits = limits;
    }

    @Put(uri = "/upload/{+path}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> file(HttpRequest<?> request, String path, @Body InputStream body) throws IOException {
        rates.charge("upload", request); // before the token, so that tokens cannot be guessed at speed
        tokens.check(request);
        try (WorkLimits.Permit turn = limits.enter("upload")) {
            return store(path, body, request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
        }
    }

    private HttpResponse<String> store(String path, InputStream body, String contentType) throws IOException {
        String type = contentType;
        if (type != null && (type.startsWith(MediaType.APPLICATION_OCTET_STREAM) || type.startsWith("application/x-www-form-urlencoded"))) {
            type = null; // what curl and generic clients send: the name tells more
        }
        try {
            StoredObject stored = uploads.file(path, body, type);
            ObjectNode answer = json.createObjectNode().put("key", stored.key()).put("size", stored.size())
                    .put("stored_size", stored.storedSize()).put("content_type", stored.contentType());
            return HttpResponse.created(json.writeValueAsString(answer));
        } catch (StoreLimitException e) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        }
    }

    @Post(uri = "/api/upload/{+folder}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> archive(HttpRequest<?> request, String folder, @Body InputStream body) throws IOException {
        rates.charge("upload", request);
        tokens.check(request);
        try (WorkLimits.Permit turn = limits.enter("upload")) {
            Uploads.Outcome outcome = uploads.archive(folder, body);
            ObjectNode answer = json.createObjectNode().put("root", outcome.root());
            var files = answer.putArray("files");
            outcome.stored().forEach(f -> files.addObject().put("path", f.path()).put("size", f.size()).put("stored_size", f.storedSize()));
            var refused = answer.putArray("refused");
            outcome.refused().forEach((name, reason) -> refused.addObject().put("name", name).put("reason", reason));
            return HttpResponse.created(json.writeValueAsString(answer));
        } catch (StoreLimitException e) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } catch (Uploads.StoreFailure e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; send the archive again");
        } catch (IOException e) {
            throw new BadRequest("not a readable tar or tar.gz archive: " + e.getMessage());
        }
    }
}
