package org.opencontrail.web.logs.ingest;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.shared.zuul.ZuulSettings;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.builds.ZuulBuildsClient;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds come in by themselves from Zuul: each finished buildset's builds (retried ones included)
 * from the MQTT results as they arrive, and, at start, whenever the MQTT subscription is made (what
 * was published before it is not delivered) and whenever results were missed, the newest builds of
 * Zuul's builds API (those already known are skipped: ingest is idempotent by uuid).
 */
@Singleton
final class ZuulResultsIngest implements ZuulResultListener {

    private static final Logger LOG = LoggerFactory.getLogger(ZuulResultsIngest.class);

    private final BuildIntake intake;
    private final BuildRecords records;
    private final ZuulSettings zuul;
    private final IngestSettings settings;
    private final ExecutorService io;
    // Only the listener's delivery thread touches it.
    private boolean unrecorded;

    ZuulResultsIngest(
            BuildIntake intake,
            BuildRecords records,
            ZuulSettings zuul,
            IngestSettings settings,
            @Named(TaskExecutors.IO) ExecutorService io) {
        this.io = io;
        this.intake = intake;
        this.records = records;
        this.zuul = zuul;
        this.settings = settings;
    }

    @Override
    public void onEvent(BuildsetResult result) {
        if (!result.finished()) {
            return;
        }
        try {
            Stream.concat(result.builds().stream(), result.retryBuilds().stream())
                    .filter(ZuulResultsIngest::worthFetching)
                    .forEach(build -> intake.submit(build, "mqtt"));
            if (unrecorded) {
                unrecorded = false;
                LOG.info("Builds can be recorded again; asking the builds API for those that could not be");
                backfill();
            }
        } catch (java.io.UncheckedIOException e) {
            // a full disk: the builds API still has them, asked once results can be recorded again
            unrecorded = true;
            LOG.warn(
                    "Builds of a Zuul result could not be recorded ({}); they will be taken from the builds API",
                    e.getMessage());
        }
    }

    private static boolean worthFetching(Build build) {
        return !build.logUrl().isBlank()
                && build.result().isPresent()
                && !build.uuid().isBlank();
    }

    @Override
    public void onGap(long dropped) {
        LOG.warn("{} Zuul results were missed; asking the builds API for the newest builds", dropped);
        backfill();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        io.execute(this::backfill); // Zuul may be slow or down: the app starts regardless
    }

    /** Submits the newest builds of the builds API that are not known yet; how many. */
    int backfill() {
        if (settings.backfill() <= 0 || zuul.url().isBlank() || zuul.tenant().isBlank()) {
            return 0; // a Zuul v2 server has no builds API
        }
        try {
            List<Build> builds = new ZuulBuildsClient(zuul).builds(ZuulBuildsClient.Query.latest(settings.backfill()));
            List<Build> missing = builds.stream()
                    .filter(ZuulResultsIngest::worthFetching)
                    .filter(build -> records.get(build.uuid()).isEmpty())
                    .toList();
            missing.forEach(build -> intake.submit(build, "builds-api"));
            if (!missing.isEmpty()) {
                LOG.info("Took {} builds from Zuul's builds API that had not come in", missing.size());
            }
            return missing.size();
        } catch (IOException e) {
            LOG.warn("Zuul's builds API could not be read: {}", e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
