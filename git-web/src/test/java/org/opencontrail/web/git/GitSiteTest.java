package org.opencontrail.web.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.branding.contract.BrandedSiteContract;
import org.opencontrail.web.shared.http.SecurityHeaders;

@MicronautTest
class GitSiteTest extends BrandedSiteContract {

    @Inject
    SecurityHeaders headers;

    @Test
    void thePortalsBadgesMayComeFromTheStatusSiteByDefault() {
        assertThat(headers.imageSources()).containsExactly("http://127.0.0.1:8081");
    }

    @Override
    protected Site site() {
        return Site.GIT;
    }

    @Override
    protected int defaultPort() {
        return 8083;
    }
}
