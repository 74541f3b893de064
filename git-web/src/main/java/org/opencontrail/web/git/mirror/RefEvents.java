package org.opencontrail.web.git.mirror;

import jakarta.inject.Singleton;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.stream.GerritEventListener;

/** Gerrit's ref-updated events of branches and tags: the project's mirror is fetched at once. */
@Singleton
final class RefEvents implements GerritEventListener {

    private final Mirrors mirrors;

    RefEvents(Mirrors mirrors) {
        this.mirrors = mirrors;
    }

    @Override
    public void onEvent(GerritEvent event) {
        if (event instanceof GerritEvent.RefUpdated updated) {
            String ref = updated.refUpdate().refName();
            // Gerrit sends short branch names for old-style events ("master"), full names otherwise.
            if (ref.startsWith("refs/heads/") || ref.startsWith("refs/tags/") || !ref.startsWith("refs/")) {
                mirrors.request(updated.refUpdate().project());
            }
        }
    }

    @Override
    public void onGap(long dropped) {
        mirrors.all().forEach(m -> mirrors.request(m.name()));
    }
}
