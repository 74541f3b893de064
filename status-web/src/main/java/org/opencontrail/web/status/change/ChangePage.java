package org.opencontrail.web.status.change;

import io.micronaut.core.annotation.Introspected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.status.facts.ChangeFacts;
import org.opencontrail.web.status.pipeline.ItemRow;

/**
 * Everything status-web knows of one change: Gerrit's facts and where it is in the pipelines now.
 *
 * @param number change number
 * @param facts  what Gerrit's stream said, when it said anything
 * @param items  the change's items in the pipelines now, with their pipeline
 * @param runs   its past and present runs through the pipelines, newest first
 * @param group  the changes that go with it
 * @param now    when the page was made, for relative times
 */
@Introspected
public record ChangePage(
        int number,
        Optional<ChangeFacts.Change> facts,
        List<PipelineItem> items,
        List<PipelineRuns.Run> runs,
        DependencyGroup group,
        Instant now) {

    /** "3 h ago", for a time shown relative with the absolute one on hover. */
    public String ago(Instant at) {
        return Durations.words(Duration.between(at, now)) + " ago";
    }

    /**
     * An item of the change and the pipeline it is in.
     *
     * @param pipeline pipeline name
     * @param queue    change queue name
     * @param item     the item's row
     */
    @Introspected
    public record PipelineItem(String pipeline, String queue, ItemRow item) {}

    public boolean known() {
        return facts.isPresent() || !items.isEmpty() || !runs.isEmpty();
    }

    /** The subject from Gerrit, else from any item. */
    public String subject() {
        return facts.map(ChangeFacts.Change::subject)
                .filter(s -> !s.isEmpty())
                .or(() -> items.stream()
                        .map(i -> i.item().subject())
                        .filter(s -> !s.isEmpty())
                        .findFirst())
                .orElse("");
    }
}
