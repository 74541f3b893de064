package org.opencontrail.web.logs.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.opencontrail.web.logs.builds.BuildJson;
import org.opencontrail.web.logs.store.StoreLimitException;
import org.opencontrail.web.logs.store.StoredObject;
import org.opencontrail.web.logs.store.UploadTokens;
import org.opencontrail.web.shared.http.BadRequest;
import org.opencontrail.web.shared.http.ClientRateLimits;
import org.opencontrail.web.shared.http.WorkLimits;

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

    /** A file stored: its key, its size and its size in the store (compressed), its type. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StoredFile(
            String key,
            long size,
            @JsonProperty("stored_size") long storedSize,
            @JsonProperty("content_type") String contentType) {}

    /** A file of an archive that was not stored, and why. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RefusedFile(String name, String reason) {}

    /** An archive stored: the folder, the files stored, the files refused. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StoredArchive(String root, List<BuildJson.FileEntry> files, List<RefusedFile> refused) {}

    UploadController(Uploads uploads, UploadTokens tokens, WorkLimits limits, ClientRateLimits rates) {
        this.uploads = uploads;
        this.rates = rates;
        this.tokens = tokens;
        this.limits = limits;
    }

    @Put(uri = "/upload/{+path}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<StoredFile> file(HttpRequest<?> request, String path, @Body InputStream body) throws IOException {
        rates.charge("upload", request); // before the token, so that tokens cannot be guessed at speed
        tokens.check(request);
        try (WorkLimits.Permit turn = limits.enter("upload")) {
            return store(path, body, request.getHeaders().get(HttpHeaders.CONTENT_TYPE));
        }
    }

    private HttpResponse<StoredFile> store(String path, InputStream body, String contentType) throws IOException {
        String type = contentType;
        if (type != null
                && (type.startsWith(MediaType.APPLICATION_OCTET_STREAM)
                        || type.startsWith("application/x-www-form-urlencoded"))) {
            type = null; // what curl and generic clients send: the name tells more
        }
        try {
            StoredObject stored = uploads.file(path, body, type);
            return HttpResponse.created(
                    new StoredFile(stored.key(), stored.size(), stored.storedSize(), stored.contentType()));
        } catch (StoreLimitException e) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        }
    }

    @Post(uri = "/api/upload/{+folder}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<StoredArchive> archive(HttpRequest<?> request, String folder, @Body InputStream body)
            throws IOException {
        rates.charge("upload", request);
        tokens.check(request);
        try (WorkLimits.Permit turn = limits.enter("upload")) {
            Uploads.Outcome outcome = uploads.archive(folder, body);
            List<BuildJson.FileEntry> files = outcome.stored().stream()
                    .map(f -> new BuildJson.FileEntry(f.path(), f.size(), f.storedSize()))
                    .toList();
            List<RefusedFile> refused = outcome.refused().entrySet().stream()
                    .map(e -> new RefusedFile(e.getKey(), e.getValue()))
                    .toList();
            return HttpResponse.created(new StoredArchive(outcome.root(), files, refused));
        } catch (StoreLimitException e) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } catch (Uploads.StoreFailure e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage() + "; send the archive again");
        } catch (IOException e) {
            throw new BadRequest("not a readable tar or tar.gz archive: " + e.getMessage());
        }
    }
}
