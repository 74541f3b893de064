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
}
