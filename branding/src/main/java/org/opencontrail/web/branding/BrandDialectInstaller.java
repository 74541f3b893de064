package org.opencontrail.web.branding;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;

/** Adds the brand dialect to the Thymeleaf engine that Micronaut Views creates. */
@Singleton
final class BrandDialectInstaller implements BeanCreatedEventListener<TemplateEngine> {

    private final BrandDialect dialect;

    BrandDialectInstaller(BrandDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public TemplateEngine onCreated(BeanCreatedEvent<TemplateEngine> event) {
        TemplateEngine engine = event.getBean();
        engine.addDialect(dialect);
        return engine;
    }
}
