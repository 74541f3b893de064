package org.opencontrail.web.shared.source;

/**
 * A source of events (Gerrit's stream, Zuul's status and results, a replay): made by a factory with
 * its listeners subscribed, started by {@link SourcesStarter} once the app is up, closed with it.
 */
public interface Source extends AutoCloseable {

    /** Starts reading; events reach the listeners from the source's own threads. */
    void start();
}
