package org.opencontrail.web.shared.gerrit.event;

/**
 * One ref moved by a push or a merge.
 *
 * @param project project name
 * @param refName full ref name
 * @param oldRev  previous commit id (forty zeros when created)
 * @param newRev  new commit id (forty zeros when deleted)
 */
public record RefUpdate(String project, String refName, String oldRev, String newRev) {

    private static final String ZERO = "0000000000000000000000000000000000000000";

    public boolean created() {
        return ZERO.equals(oldRev);
    }

    public boolean deleted() {
        return ZERO.equals(newRev);
    }
}
