package org.opencontrail.web.status.pipeline;

import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * One pipeline.
 *
 * @param name        name
 * @param description what it does
 * @param manager     dependent, independent...
 * @param items       items in it (before filtering)
 * @param queues      its queues with the items shown
 */
@Introspected
public record PipelineRow(String name, String description, String manager, int items, List<QueueRow> queues) {

    public boolean empty() {
        return items == 0;
    }

    public int shown() {
        return queues.stream().mapToInt(q -> q.items().size()).sum();
    }
}
