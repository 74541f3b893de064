package org.opencontrail.web.status;

import io.micronaut.runtime.Micronaut;

/** Starts status-web. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
