package org.opencontrail.web.shared.zuul.status;

import java.io.IOException;

/** Zuul answered something that is not a status document. */
public final class ZuulStatusException extends IOException {

    public ZuulStatusException(String message) {
        super(message);
    }

    public ZuulStatusException(String message, Throwable cause) {
        super(message, cause);
    }
}
