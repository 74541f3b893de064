package org.opencontrail.web.git.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;

/** Waits on a site's mirrors, as tests that browse or clone one need them. */
public final class MirrorWaits {

    private MirrorWaits() {}

    /**
     * The mirror of {@code project} once it is ready and repacked, as in service (its first fetch is
     * followed by a repack): pages and clones are then tested on the mirror as it is kept.
     */
    public static Mirror awaitRepacked(Mirrors mirrors, String project, Duration ready) {
        await().atMost(ready)
                .until(() -> mirrors.find(project).map(Mirror::ready).orElse(false));
        await().atMost(Duration.ofSeconds(120))
                .until(() ->
                        mirrors.find(project).orElseThrow().status().lastGc().isPresent());
        return mirrors.find(project).orElseThrow();
    }
}
