package org.opencontrail.web.shared.source;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Starts every source once the app is up, never while its beans are still being made: a listener
 * that hears its first event then finds every bean it needs in place.
 */
@Singleton
final class SourcesStarter {

    private final List<Source> sources;

    SourcesStarter(List<Source> sources) {
        this.sources = sources;
    }

    @EventListener
    void onStartup(StartupEvent started) {
        sources.forEach(Source::start);
    }
}
