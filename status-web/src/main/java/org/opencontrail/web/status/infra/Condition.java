package org.opencontrail.web.status.infra;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One thing that must hold for the CI to be healthy, and whether it does now.
 *
 * @param key     stable name, as in /health and metrics (gerrit-stream, zuul-status, zuul-mqtt, zuul-event-queues,
 *                stalled-queues, node-capacity)
 * @param ok      true while it holds (or is not configured)
 * @param title   what is wrong or right, in a few words
 * @param detail  the numbers behind it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Condition(String key, boolean ok, String title, String detail) {}
