package org.opencontrail.web.logs;

import io.micronaut.runtime.Micronaut;

/** Starts logs-web. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
