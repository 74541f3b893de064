package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.shared.http.WorkLimits;

/**
 * Every page of a repository, at Gitiles' addresses ({@link GitLocation} has the grammar): the address
 * is parsed once into a view, and the one {@link ViewHandler} of its kind answers. Pages named by
 * a full commit id are immutable and say so to caches.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class BrowseController {

    private final Mirrors mirrors;
    private final WorkLimits limits;
    private final Map<GitLocation.Kind, ViewHandler> handlers = new EnumMap<>(GitLocation.Kind.class);

    BrowseController(Mirrors mirrors, WorkLimits limits, List<ViewHandler> handlers) {
        this.mirrors = mirrors;
        this.limits = limits;
        for (ViewHandler handler : handlers) {
            for (GitLocation.Kind kind : handler.kinds()) {
                if (this.handlers.put(kind, handler) != null) {
                    throw new IllegalStateException("Two handlers answer " + kind);
                }
            }
        }
        if (this.handlers.size() != GitLocation.Kind.values().length) {
            throw new IllegalStateException("No handler answers some views: " + this.handlers.keySet());
        }
    }

    /**
     * Everything but the site's own folders and endpoints (a project cannot be called {@code assets}
     * or {@code health}), code search ({@code /+search}, {@code /api/v1/search}) and the clone service's
     * {@code info/refs}.
     */
    @Get(
            uri =
                    "/{path:(?!assets/|webjars/|branding/|health$|health/|prometheus$|merges\\.atom$|\\+search$|\\+search/|api/v1/search$|.*/info/refs$).+}",
            produces = MediaType.ALL)
    HttpResponse<?> browse(HttpRequest<?> request, String path) throws IOException {
        GitLocation.Address address = GitLocation.Address.parse(
                        request.getUri().getRawPath(),
                        name -> mirrors.find(name).isPresent())
                .orElseThrow(() -> ViewRequest.notFound("No public project or page at this address."));
        Mirror mirror = mirrors.find(address.project())
                .orElseThrow(() -> ViewRequest.notFound("No public project is called " + address.project() + "."));
        if (!mirror.ready()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "10")
                    .contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body(address.project() + " is being mirrored for the first time: try again in a moment.\n");
        }
        ViewRequest own;
        // resolving an address reads refs and commits: it is browsing work, and waits its turn like the rest
        try (WorkLimits.Permit turn = limits.enter("browse")) {
            GitLocation view = address.view(mirror.repository())
                    .orElseThrow(
                            () -> ViewRequest.notFound("No such page, revision or path in " + address.project() + "."));
            ViewRequest viewRequest = new ViewRequest(request, mirror, address, view);
            if (!handlers.get(view.kind()).ownTurn()) {
                return handlers.get(view.kind()).handle(viewRequest);
            }
            own = viewRequest;
        }
        return handlers.get(own.view().kind()).handle(own); // takes its own turn, held while it streams
    }
}
