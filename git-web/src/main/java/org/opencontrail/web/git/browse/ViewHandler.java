package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpResponse;
import java.io.IOException;
import java.util.Set;
import org.opencontrail.web.git.location.GitLocation;

/** The answer to one kind of view; the browser picks the handler once, from the parsed address. */
interface ViewHandler {

    /** The kinds of view it answers. */
    Set<GitLocation.Kind> kinds();

    /** Whether it takes its own turn of work (an archive holds one while it streams) rather than a browse turn. */
    default boolean ownTurn() {
        return false;
    }

    HttpResponse<?> handle(ViewRequest request) throws IOException;
}
