package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;

/** {@code /+atom[/BRANCH]}: the Atom feed of a branch (the default branch without one). */
@Singleton
final class AtomHandler implements ViewHandler {

    private final ViewResponses responses;
    private final FeedView feeds;

    AtomHandler(ViewResponses responses, FeedView feeds) {
        this.responses = responses;
        this.feeds = feeds;
    }

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.ATOM);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) throws IOException {
        PageCache.Key key = PageCache.Key.following(request.view(), "");
        String feed = responses.model(
                key, String.class, () -> feeds.branch(request.mirror(), request.revision(), responses.site()));
        return HttpResponse.ok(feed).contentType("application/atom+xml;charset=utf-8");
    }
}
