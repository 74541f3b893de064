package org.opencontrail.web.branding;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Which of the suite's sites this application is; each app sets {@code suite.site} in its own
 * configuration so that the shared layout can mark it in the navigation.
 *
 * @param site this application's site
 */
@ConfigurationProperties("suite")
public record CurrentSite(Site site) {}
