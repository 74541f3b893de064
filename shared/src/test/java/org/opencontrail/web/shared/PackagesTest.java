package org.opencontrail.web.shared;

import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.testing.PackageCycles;

class PackagesTest {

    @Test
    void featuresDependOnEachOtherInOneDirectionOnly() {
        PackageCycles.assertNone("org.opencontrail.web.shared");
    }
}
