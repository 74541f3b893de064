package org.opencontrail.web.shared.zuul.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One reading of Zuul's status (v2 {@code /status.json} or v3+ {@code /api/tenant/T/status}), in one
 * model whatever the version.
 *
 * @param zuulVersion          the server's version, empty when not sent
 * @param lastReconfigured     when its configuration was last loaded
 * @param message              the operator's banner message
 * @param triggerEventQueue    events waiting to be turned into queue items
 * @param resultEventQueue     build results waiting to be processed
 * @param managementEventQueue management events waiting (v3+)
 * @param triggerQueuePaused   the operator paused event processing (v3+)
 * @param resultQueuePaused    the operator paused result processing (v3+)
 * @param pipelines            pipelines in the server's order
 */
public record ZuulSnapshot(
        String zuulVersion,
        Optional<Instant> lastReconfigured,
        Optional<String> message,
        int triggerEventQueue,
        int resultEventQueue,
        int managementEventQueue,
        boolean triggerQueuePaused,
        boolean resultQueuePaused,
        List<Pipeline> pipelines) {

    /** Items in every pipeline. */
    public int itemCount() {
        return pipelines.stream().mapToInt(Pipeline::itemCount).sum();
    }

    /** Jobs of every item. */
    public int jobCount() {
        return pipelines.stream().mapToInt(Pipeline::jobCount).sum();
    }

    /**
     * This snapshot with only the items whose every change belongs to a project {@code shown}
     * accepts; a queue left empty by that goes too, as does an empty one named after a project not
     * shown (independent pipelines name their queues after projects). Itself when nothing goes.
     */
    public ZuulSnapshot only(Predicate<String> shown) {
        List<Pipeline> narrowed =
                pipelines.stream().map(pipeline -> pipeline.only(shown)).toList();
        return narrowed.equals(pipelines)
                ? this
                : new ZuulSnapshot(
                        zuulVersion,
                        lastReconfigured,
                        message,
                        triggerEventQueue,
                        resultEventQueue,
                        managementEventQueue,
                        triggerQueuePaused,
                        resultQueuePaused,
                        narrowed);
    }

    /**
     * A pipeline.
     *
     * @param name        check, gate, post...
     * @param description what it is for
     * @param manager     dependent, independent, serial, supercedent (v3+; empty for v2)
     * @param queues      its change queues
     */
    public record Pipeline(String name, String description, String manager, List<ChangeQueue> queues) {

        public int itemCount() {
            return queues.stream().mapToInt(ChangeQueue::itemCount).sum();
        }

        Pipeline only(Predicate<String> shown) {
            List<ChangeQueue> kept = new ArrayList<>();
            for (ChangeQueue queue : queues) {
                List<List<QueueItem>> heads = queue.heads().stream()
                        .map(head -> head.stream()
                                .filter(item -> item.refs().stream().allMatch(ref -> shown.test(ref.project())))
                                .toList())
                        .filter(head -> !head.isEmpty())
                        .toList();
                boolean emptied = heads.isEmpty() && queue.itemCount() > 0;
                boolean namedAfterHidden = heads.isEmpty() && queue.name().contains("/") && !shown.test(queue.name());
                if (!emptied && !namedAfterHidden) {
                    kept.add(
                            heads.equals(queue.heads())
                                    ? queue
                                    : new ChangeQueue(queue.name(), queue.branch(), queue.window(), heads));
                }
            }
            return kept.equals(queues) ? this : new Pipeline(name, description, manager, List.copyOf(kept));
        }

        public int jobCount() {
            return queues.stream()
                    .flatMap(q -> q.heads().stream())
                    .flatMap(List::stream)
                    .mapToInt(i -> i.jobs().size())
                    .sum();
        }
    }

    /**
     * A change queue: items that are tested together, in order.
     *
     * @param name   the queue's name (shared gate queues are named, e.g. contrail-vnc)
     * @param branch its branch, when the server says (v3+)
     * @param window how many items may be tested at once, when the server says
     * @param heads  independent lines of items, each in queue order from its head
     */
    public record ChangeQueue(
            String name, Optional<String> branch, Optional<Integer> window, List<List<QueueItem>> heads) {

        public int itemCount() {
            return heads.stream().mapToInt(List::size).sum();
        }
    }
}
