package org.opencontrail.web.git;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.branding.contract.RebrandedSiteContract;

@MicronautTest
class GitSiteRebrandedTest extends RebrandedSiteContract {

    @Override
    protected Site site() {
        return Site.GIT;
    }
}
