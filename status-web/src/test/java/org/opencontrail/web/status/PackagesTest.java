package org.opencontrail.web.status;

import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.testing.PackageCycles;

class PackagesTest {

    @Test
    void featuresDependOnEachOtherInOneDirectionOnly() {
        PackageCycles.assertNone("org.opencontrail.web.status");
    }
}
