package org.opencontrail.web.logs;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.branding.contract.RebrandedSiteContract;

@MicronautTest
class LogsSiteRebrandedTest extends RebrandedSiteContract {

    @Override
    protected Site site() {
        return Site.LOGS;
    }
}
