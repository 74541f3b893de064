package org.opencontrail.web.shared.gerrit.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Gerrit's web side, used to fill gaps in the stream.
 *
 * @param url       base URL of Gerrit's REST API (e.g. https://review.opencontrail.org); empty: no backfill
 * @param eventsLog true when the server has the events-log plugin: backfill replays its stored events
 */
@ConfigurationProperties("gerrit")
public record GerritConfig(@Bindable(defaultValue = "") String url, @Bindable(defaultValue = "false") boolean eventsLog) {

    public boolean hasRest() {
        return !url.isBlank();
    }
}
