package org.opencontrail.web.logs.search.opensearch;

import java.io.IOException;

/** OpenSearch answered with an error: its status and its reason. */
public final class OpenSearchException extends IOException {

    private final int status;

    OpenSearchException(int status, String reason) {
        super("OpenSearch answered " + status + ": " + reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Too many requests: the cluster pushes back and the request may be sent again later. */
    public boolean pushedBack() {
        return status == 429;
    }
}
