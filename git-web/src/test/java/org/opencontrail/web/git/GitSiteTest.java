package org.opencontrail.web.git;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.branding.contract.BrandedSiteContract;

@MicronautTest
class GitSiteTest extends BrandedSiteContract {

    @Override
    protected Site site() {
        return Site.GIT;
    }

    @Override
    protected int defaultPort() {
        return 8083;
    }
}
