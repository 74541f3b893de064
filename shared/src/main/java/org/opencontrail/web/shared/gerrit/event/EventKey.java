package org.opencontrail.web.shared.gerrit.event;

/**
 * What makes two deliveries the same event: seen live and again in a backfill, they share a key.
 *
 * @param type     event type
 * @param change   change number (0 for events without a change)
 * @param patchSet patch set number (0 when none)
 * @param ref      ref or project the event is about
 * @param epochSecond the server's eventCreatedOn
 * @param actor    user name of who caused it
 * @param detail   what the event says (new state, vote, text digest) where one kind can repeat in a second
 */
public record EventKey(
        String type, int change, int patchSet, String ref, long epochSecond, String actor, String detail) {}
