package org.opencontrail.web.shared.time;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock every part of an app reads the time from: UTC. A test that must see time pass
 * registers its own (shared's test {@code HandClock}), which takes the place of this one.
 */
@Factory
final class Clocks {

    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
