package org.opencontrail.web.shared.gerrit.event;

import java.util.Optional;

/**
 * A vote on a label, as comment-added and vote-deleted carry it.
 *
 * @param type        label name (Code-Review, Verified; old servers: CRVW, VRIF)
 * @param description label description
 * @param value       the vote
 * @param oldValue    the vote before, when the server says
 */
public record Approval(String type, String description, int value, Optional<Integer> oldValue) {

    /** True when this event changed the vote (servers without oldValue: always). */
    public boolean changed() {
        return oldValue.map(old -> old != value).orElse(true);
    }

    /**
     * True when this is no vote at all: Gerrit lists every label the author may vote on, and one
     * the author never voted on comes as 0 with no oldValue. It must not undo another's vote.
     */
    public boolean none() {
        return value == 0 && oldValue.isEmpty();
    }
}
