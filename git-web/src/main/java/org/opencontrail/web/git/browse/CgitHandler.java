package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;

/** cgit's addresses under a project redirect to where the same thing is here. */
@Singleton
final class CgitHandler implements ViewHandler {

    @Override
    public Set<GitLocation.Kind> kinds() {
        return Set.of(GitLocation.Kind.CGIT);
    }

    @Override
    public HttpResponse<?> handle(ViewRequest request) {
        return CgitAddresses.redirect(request.project(), request.view().path(), request.params())
                .<HttpResponse<?>>map(
                        url -> HttpResponse.status(HttpStatus.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, url))
                .orElseThrow(() -> ViewRequest.notFound("No such page of " + request.project() + "."));
    }
}
