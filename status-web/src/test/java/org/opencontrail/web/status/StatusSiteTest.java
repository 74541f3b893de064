package org.opencontrail.web.status;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.branding.contract.BrandedSiteContract;

@MicronautTest
class StatusSiteTest extends BrandedSiteContract {

    @Override
    protected Site site() {
        return Site.STATUS;
    }

    @Override
    protected int defaultPort() {
        return 8081;
    }
}
