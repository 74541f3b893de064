package org.opencontrail.web.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuiteDefaultsTest {

    @Test
    void everyAppGetsTheSharedDefaults() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getProperty("micronaut.server.host", String.class))
                    .hasValue("127.0.0.1");
            assertThat(context.getProperty("micronaut.server.netty.access-logger.enabled", Boolean.class))
                    .hasValue(true);
            assertThat(context.getProperty("endpoints.prometheus.sensitive", Boolean.class))
                    .hasValue(false);
        }
    }

    @Test
    void theAppsOwnConfigurationOutranksTheDefaults() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getProperty("endpoints.health.details-visible", String.class))
                    .hasValue("AUTHENTICATED");
        }
    }

    @Test
    void propertiesGivenAtStartOutrankTheDefaults() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("micronaut.server.host", "0.0.0.0"))) {
            assertThat(context.getProperty("micronaut.server.host", String.class))
                    .hasValue("0.0.0.0");
        }
    }
}
