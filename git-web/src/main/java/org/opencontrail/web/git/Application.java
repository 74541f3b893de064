package org.opencontrail.web.git;

import io.micronaut.runtime.Micronaut;

/** Starts git-web. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
