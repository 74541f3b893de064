package org.opencontrail.web.logs;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.branding.contract.BrandedSiteContract;

@MicronautTest
class LogsSiteTest extends BrandedSiteContract {

    @Override
    protected Site site() {
        return Site.LOGS;
    }

    @Override
    protected int defaultPort() {
        return 8082;
    }
}
