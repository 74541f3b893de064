package org.opencontrail.web.git.clone;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.shared.http.WorkLimits;

/**
 * Read-only smart HTTP straight from the mirrors: {@code git clone http://HOST/PROJECT} (or
 * {@code PROJECT.git}), protocol v2 and v0, shallow and partial clones. Pushes are refused with a
 * message saying where changes go. Fetches take turns ({@code suite.limits.clone}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SmartHttpController {

    static final String ADVERTISEMENT = "application/x-git-upload-pack-advertisement";
    static final String REQUEST = "application/x-git-upload-pack-request";
    static final String RESULT = "application/x-git-upload-pack-result";
    private static final String READ_ONLY =
            "This is a read-only mirror: push your change for review to Gerrit instead.\n";
    /** A request is wants, haves and options: far below this even for a large fetch. */
    private static final int MAX_REQUEST = 64 * 1024 * 1024;

    private final Mirrors mirrors;
    private final UploadPacks uploadPacks;
    private final WorkLimits limits;

    SmartHttpController(Mirrors mirrors, UploadPacks uploadPacks, WorkLimits limits) {
        this.mirrors = mirrors;
        this.uploadPacks = uploadPacks;
        this.limits = limits;
    }

    @Get(
            uri = "/{+project}/info/refs",
            produces = {ADVERTISEMENT, MediaType.TEXT_PLAIN})
    HttpResponse<?> infoRefs(
            @PathVariable String project,
            @Nullable @QueryValue String service,
            @Nullable @Header("Git-Protocol") String gitProtocol)
            throws IOException {
        if ("git-receive-pack".equals(service)) {
            return refusePush();
        }
        Optional<Mirror> mirror = mirror(project);
        if (mirror.isEmpty()) {
            return notFound();
        }
        if (!"git-upload-pack".equals(service)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body("Only smart HTTP is served: use a git client of 1.6.6 or later.\n");
        }
        return HttpResponse.ok(uploadPacks.advertisement(mirror.get().repository(), gitProtocol))
                .contentType(ADVERTISEMENT)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Post(
            uri = "/{+project}/git-upload-pack",
            consumes = MediaType.ALL,
            produces = {RESULT, MediaType.TEXT_PLAIN})
    HttpResponse<?> uploadPack(
            @PathVariable String project,
            @Body byte[] body,
            @Nullable @Header(HttpHeaders.CONTENT_ENCODING) String encoding,
            @Nullable @Header("Git-Protocol") String gitProtocol)
            throws IOException {
        Optional<Mirror> mirror = mirror(project);
        if (mirror.isEmpty()) {
            return notFound();
        }
        byte[] request = "gzip".equalsIgnoreCase(encoding) ? gunzip(body) : body;
        // the turn is held until the pack is written
        return HttpResponse.ok(
                        uploadPacks.answer(mirror.get().repository(), gitProtocol, request, limits.enter("clone")))
                .contentType(RESULT)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Post(uri = "/{+project}/git-receive-pack", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    HttpResponse<?> receivePack(@PathVariable String project) {
        return refusePush();
    }

    private static HttpResponse<?> refusePush() {
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body(READ_ONLY);
    }

    private static HttpResponse<?> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .body("No public repository here by that name.\n");
    }

    /** The mirror a clone URL names: {@code PROJECT} or {@code PROJECT.git}. */
    private Optional<Mirror> mirror(String project) {
        Optional<Mirror> exact = mirrors.find(project).filter(Mirror::ready);
        if (exact.isPresent() || !project.endsWith(".git")) {
            return exact;
        }
        return mirrors.find(project.substring(0, project.length() - ".git".length()))
                .filter(Mirror::ready);
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] request = in.readNBytes(MAX_REQUEST + 1);
            if (request.length > MAX_REQUEST) {
                throw new IOException("the request is larger than " + MAX_REQUEST + " bytes");
            }
            return request;
        }
    }
}
