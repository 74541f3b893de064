package org.opencontrail.web.shared.replay;

import java.time.Instant;

/**
 * One line of a recording: when an event arrived, from which source, and the event as the source
 * sent it. On disk: {@code {"at":"2026-11-24T10:00:00.123Z","source":"gerrit","event":{...}}}.
 *
 * @param at     when it arrived
 * @param source {@code gerrit} (a stream-events line) or {@code zuul-mqtt} (a reporter payload)
 * @param json   the event's JSON, unchanged
 */
public record RecordedEvent(Instant at, String source, String json) {

    public static final String GERRIT = "gerrit";
    public static final String ZUUL_MQTT = "zuul-mqtt";
}
