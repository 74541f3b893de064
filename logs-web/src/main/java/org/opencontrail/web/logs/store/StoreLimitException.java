package org.opencontrail.web.logs.store;

import java.io.IOException;

/** A file refused because it inflates beyond the configured size or ratio (a gzip bomb, a runaway log). */
public final class StoreLimitException extends IOException {

    public StoreLimitException(String message) {
        super(message);
    }
}
