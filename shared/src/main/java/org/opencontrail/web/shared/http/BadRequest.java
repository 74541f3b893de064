package org.opencontrail.web.shared.http;

/**
 * What a client sent that names nothing the site could answer (a path outside the store, a
 * malformed name): 400 with why, through {@link BadRequestHandler}, as a page for a browser and
 * JSON for a tool. It is an {@link IllegalArgumentException}, so code that is not answering a
 * request handles it as any bad argument.
 */
public class BadRequest extends IllegalArgumentException {

    public BadRequest(String reason) {
        super(reason);
    }
}
