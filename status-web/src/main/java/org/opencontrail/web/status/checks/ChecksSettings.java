package org.opencontrail.web.status.checks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Gerrit's Checks tab ({@code status.checks}): where status-web asks logs-web what it knows of a
 * patch set's builds, and how long it waits.
 *
 * @param logsApiUrl  logs-web as status-web reaches it; empty: {@code branding.logs-url}
 * @param logsTimeout the longest a Checks answer waits for logs-web; then it answers without
 *                    known failures and first errors
 * @param logsKept    how long what logs-web said of a build is kept
 * @param logsAway    how long logs-web is not asked again after it did not answer
 */
@ConfigurationProperties("status.checks")
public record ChecksSettings(
        @Bindable(defaultValue = "") String logsApiUrl,
        @Bindable(defaultValue = "2s") Duration logsTimeout,
        @Bindable(defaultValue = "30s") Duration logsKept,
        @Bindable(defaultValue = "10s") Duration logsAway) {}
