package org.opencontrail.web.shared.gerrit.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Gerrit's web side, used to fill gaps in the stream and to learn what happened before it.
 *
 * @param url            base URL of Gerrit's REST API (e.g. https://review.opencontrail.org); empty: no backfill
 * @param eventsLog      true when the server has the events-log plugin: backfill replays its stored events
 * @param openChanges    at start, and after a gap longer than {@code backfillWindow}, load every open change's
 *                       history from REST, so a site that starts late knows the changes in flight
 * @param backfillWindow the longest gap a backfill of events is trusted to cover alone
 */
@ConfigurationProperties("gerrit")
public record GerritSettings(
        @Bindable(defaultValue = "") String url,
        @Bindable(defaultValue = "false") boolean eventsLog,
        @Bindable(defaultValue = "false") boolean openChanges,
        @Bindable(defaultValue = "1d") Duration backfillWindow) {

    /** No REST API: gaps stay gaps. */
    public static GerritSettings none() {
        return new GerritSettings("", false, false, Duration.ofDays(1));
    }

    public boolean hasRest() {
        return !url.isBlank();
    }
}
