package org.opencontrail.web.git.mirror;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The mirrors in /health: DOWN when every mirror fails to fetch (the source is away), UP
 * otherwise, with the failing ones, their failures in a row and the last error in the details.
 */
@Singleton
final class MirrorHealthIndicator implements HealthIndicator {

    private final Mirrors mirrors;

    MirrorHealthIndicator(Mirrors mirrors) {
        this.mirrors = mirrors;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("projects", mirrors.all().size());
        details.put("source", mirrors.listSource());
        mirrors.listError().ifPresent(error -> details.put("projectListError", error));
        details.put(
                "notYetFetched", mirrors.all().stream().filter(m -> !m.ready()).count());
        Map<String, Object> failing = new LinkedHashMap<>();
        for (Mirror mirror : mirrors.failing()) {
            failing.put(
                    mirror.name(),
                    Map.of(
                            "failuresInARow",
                            mirror.status().failures(),
                            "lastError",
                            mirror.status().lastError().orElse(""),
                            "lastSuccess",
                            mirror.status().lastSuccess().map(Object::toString).orElse("never")));
        }
        details.put("failing", failing);
        boolean down =
                !mirrors.all().isEmpty() && failing.size() == mirrors.all().size();
        return Publishers.just(HealthResult.builder("mirrors", down ? HealthStatus.DOWN : HealthStatus.UP)
                .details(details)
                .build());
    }
}
