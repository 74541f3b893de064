package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.location.Revision;
import org.opencontrail.web.git.location.Revisions;
import org.opencontrail.web.git.mirror.Mirror;

/** One request for a view: the HTTP request, the mirror it reads, its address parsed and its query parameters. */
final class ViewRequest {

    private final HttpRequest<?> http;
    private final Mirror mirror;
    private final GitLocation.Address address;
    private final GitLocation view;
    private final Map<String, String> params = new HashMap<>();
    private String defaultBranch;

    ViewRequest(HttpRequest<?> http, Mirror mirror, GitLocation.Address address, GitLocation view) {
        this.http = http;
        this.mirror = mirror;
        this.address = address;
        this.view = view;
        http.getParameters().forEach((key, values) -> params.put(key, values.isEmpty() ? "" : values.get(0)));
    }

    static HttpStatusException notFound(String message) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, message);
    }

    HttpRequest<?> http() {
        return http;
    }

    Mirror mirror() {
        return mirror;
    }

    Repository repository() {
        return mirror.repository();
    }

    String project() {
        return mirror.name();
    }

    GitLocation.Address address() {
        return address;
    }

    GitLocation view() {
        return view;
    }

    Revision revision() {
        return view.revision();
    }

    Map<String, String> params() {
        return params;
    }

    boolean has(String param) {
        return params.containsKey(param);
    }

    /** Gitiles' {@code ?format=}: TEXT, JSON, or empty for the page. */
    String format() {
        return params.getOrDefault("format", "").toUpperCase(Locale.ROOT);
    }

    /** Whether the whole diff is asked for, lines left out for size included. */
    boolean all() {
        return params.containsKey("all");
    }

    /** Read once a request: the page's cache key and its header both name it. */
    String defaultBranch() throws IOException {
        if (defaultBranch == null) {
            defaultBranch = Revisions.defaultBranch(mirror.repository()).orElse(Constants.HEAD);
        }
        return defaultBranch;
    }
}
