package org.opencontrail.web.status.pipeline;

import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * One change queue.
 *
 * @param name      queue name
 * @param branch    branch, empty when Zuul does not say
 * @param count     items in it
 * @param window    "count / window", or empty
 * @param dependent items are tested together in order (draw the line between them)
 * @param items     items shown, in queue order
 */
@Introspected
public record QueueRow(String name, String branch, int count, String window, boolean dependent, List<ItemRow> items) {

    /**
     * A short name for the queue within the page, for live updates to say where an item goes: Zuul v2
     * names a shared queue after all its projects, kilobytes that every move would otherwise carry.
     */
    public String key(String pipeline) {
        return pipeline + "/q" + Integer.toHexString(name.hashCode());
    }
}
