package org.opencontrail.web.shared.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Loads {@code suite-defaults.yml}, the settings all three apps share (loopback bind, access log,
 * health and metrics endpoints), beneath each app's own {@code application.yml}: an app, a config
 * file, an environment variable or a system property overrides any of them. No start-up banner:
 * every line an app prints is a log line, so that LOG_FORMAT=json output stays one object a line.
 */
@ContextConfigurer
public final class SuiteDefaults implements ApplicationContextConfigurer {

    static final String RESOURCE = "suite-defaults.yml";
    /** Just below application.yml, so that every other source wins. */
    static final int ORDER = AbstractPropertySourceLoader.DEFAULT_POSITION - 10;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.banner(false);
        builder.propertySources(PropertySource.of(RESOURCE, read(), ORDER));
    }

    private static Map<String, Object> read() {
        try (InputStream in = SuiteDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException(RESOURCE + " is missing from the class path");
            }
            return new YamlPropertySourceLoader().read(RESOURCE, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
