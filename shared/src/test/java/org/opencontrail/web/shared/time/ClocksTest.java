package org.opencontrail.web.shared.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.source.SourceRegistry;
import org.opencontrail.web.shared.testing.HandClock;

class ClocksTest {

    @Test
    void everyPartReadsTheTimeFromOneUtcClock() {
        try (ApplicationContext context = ApplicationContext.run()) {
            Clock clock = context.getBean(Clock.class);
            assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTestsHandClockTakesItsPlaceEverywhere() {
        HandClock hand = new HandClock(Instant.parse("2014-06-01T12:00:00Z"));
        try (ApplicationContext context =
                ApplicationContext.builder().singletons(hand).start()) {
            assertThat(context.getBean(Clock.class)).isSameAs(hand);
            SourceRegistry sources = context.getBean(SourceRegistry.class);
            SourceHealth stream = new SourceHealth("gerrit", hand);
            stream.event();
            sources.register(stream);
            hand.advance(Duration.ofMinutes(3));
            assertThat(sources.feeds())
                    .singleElement()
                    .satisfies(feed -> assertThat(feed.lastEvent()).isEqualTo("3 min ago"));
        }
    }
}
