package org.opencontrail.web.shared.gerrit.projects;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The {@code gerrit-projects} component of /health: how many projects Gerrit lists as public, when
 * it was last read, and why not. DOWN until the first read, when every project is withheld; UP
 * after, a failed later read only noted (the last list stays in force).
 */
@Singleton
@Named("gerrit-projects")
@Requires(property = "gerrit.url", pattern = ".+")
final class ProjectListHealthIndicator implements HealthIndicator {

    private final PublicProjects projects;

    ProjectListHealthIndicator(PublicProjects projects) {
        this.projects = projects;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        PublicProjects.Status status = projects.status();
        Map<String, Object> details = new LinkedHashMap<>();
        status.listed().ifPresent(count -> details.put("publicProjects", count));
        status.readAt().ifPresent(at -> details.put("readAt", at.toString()));
        if (!status.problem().isEmpty()) {
            details.put("problem", status.problem());
        }
        HealthStatus overall = status.listed().isPresent() ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("gerrit-projects", overall)
                .details(details)
                .build());
    }
}
