package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LineFactsTest {

    @Test
    void isoTimesAreInstants() {
        assertThat(LineFacts.isoMillis("2013-09-27 18:21:16.046"))
                .isEqualTo(Instant.parse("2013-09-27T18:21:16.046Z").toEpochMilli());
        assertThat(LineFacts.isoMillis("2017-01-01T12:00:00,123+02:00"))
                .isEqualTo(Instant.parse("2017-01-01T10:00:00.123Z").toEpochMilli());
        assertThat(LineFacts.isoMillis("2024-02-29 00:00:00"))
                .isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
        assertThat(LineFacts.isoMillis("not a time at all, no")).isEqualTo(-1);
        assertThat(LineFacts.isoMillis("2013-13-27 18:21:16")).isEqualTo(-1);
    }

    @Test
    void epochDaysMatchTheCalendar() {
        for (LocalDate day = LocalDate.of(1999, 12, 25);
                day.isBefore(LocalDate.of(2031, 3, 2));
                day = day.plusDays(17)) {
            assertThat(LineFacts.epochDay(day.getYear(), day.getMonthValue(), day.getDayOfMonth()))
                    .as(day.toString())
                    .isEqualTo(day.toEpochDay());
        }
    }

    @Test
    void modulesAndProgramsAreReadFromTheirHeaders() {
        assertThat(LineFacts.module("2013-09-27 18:21:16.046 21045 INFO nova.compute.manager [req-1] Starting"))
                .isEqualTo("nova.compute.manager");
        assertThat(LineFacts.module("2013-09-27 18:21:16.046 | INFO: nothing dotted here"))
                .isNull();
        assertThat(LineFacts.syslogProgram("Sep 27 18:21:16 host object-server[123]: ERROR x"))
                .isEqualTo("object-server");
        assertThat(LineFacts.syslogProgram("Sep 27 18:21:16 host kernel: [1.0] x"))
                .isEqualTo("kernel");
    }
}
