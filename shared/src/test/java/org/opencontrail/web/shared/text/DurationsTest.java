package org.opencontrail.web.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void wordsAreExactEnoughForRunningThings() {
        assertThat(Durations.words(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Durations.words(Duration.ofMinutes(200))).isEqualTo("3 h 20 min");
        assertThat(Durations.words(Duration.ofHours(52))).isEqualTo("2 d 4 h");
    }

    @Test
    void agesAreCoarseForHistory() {
        assertThat(Durations.age(Duration.ofSeconds(-5))).isEqualTo("0 s");
        assertThat(Durations.age(Duration.ofMinutes(90))).isEqualTo("1 h");
        assertThat(Durations.age(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(Durations.age(Duration.ofDays(20))).isEqualTo("2 weeks");
        assertThat(Durations.age(Duration.ofDays(200))).isEqualTo("6 months");
        assertThat(Durations.age(Duration.ofDays(1100))).isEqualTo("3 years");
    }
}
