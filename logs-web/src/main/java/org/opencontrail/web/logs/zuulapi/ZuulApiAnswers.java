package org.opencontrail.web.logs.zuulapi;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsetRow;
import org.opencontrail.web.logs.store.StoreKeys;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * The builds database's rows as Zuul's builds API answers them. A build's {@code log_url} is its
 * folder here, where its logs stay when Zuul's log server has purged them; an artifact under its
 * old log server's folder points at the same file here. A change's {@code ref_url} is the change
 * on the review site; a commit's, the commit on git-web.
 */
@Singleton
final class ZuulApiAnswers {

    /** Zuul's times: UTC, whole seconds, no zone. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final String MANIFEST = "zuul-manifest.json";

    private final Brand brand;

    ZuulApiAnswers(Brand brand) {
        this.brand = brand;
    }

    ZuulApiJson.Build build(BuildRow row, Optional<BuildsetRow> alone) {
        return ZuulApiJson.Build.of(
                nested(row),
                row.pipeline(),
                orNull(row.eventId()),
                new ZuulApiJson.BuildsetOfBuild(
                        row.buildsetUuid(), alone.map(s -> List.of(ref(s))).orElse(null)));
    }

    ZuulApiJson.NestedBuild nested(BuildRow row) {
        return new ZuulApiJson.NestedBuild(
                row.id(),
                row.uuid(),
                row.job(),
                row.result().orElse(null),
                row.held(),
                time(row.startTime()),
                time(row.endTime()),
                row.duration().orElse(null),
                row.voting(),
                logUrl(row),
                orNull(row.nodeset()),
                orNull(row.errorDetail()),
                row.isFinal(),
                artifacts(row),
                List.of(),
                ref(row.project(), row.branch(), row.change(), row.patchSet(), row.ref(), row.newrev()));
    }

    ZuulApiJson.Buildset buildset(BuildsetRow row, List<BuildRow> builds) {
        return new ZuulApiJson.Buildset(
                row.id(),
                row.uuid(),
                row.result().orElse(null),
                row.reported() ? orNull(row.message()) : null,
                row.pipeline(),
                orNull(row.eventId()),
                time(row.eventTimestamp()),
                time(row.firstBuildStartTime()),
                time(row.lastBuildEndTime()),
                List.of(ref(row)),
                builds.isEmpty() ? null : builds.stream().map(this::nested).toList());
    }

    ZuulApiJson.BuildTime buildTime(BuildRow row) {
        return new ZuulApiJson.BuildTime(
                row.id(),
                row.uuid(),
                row.job(),
                row.result().orElse(null),
                time(row.startTime()),
                time(row.endTime()),
                row.duration().orElse(null),
                row.isFinal(),
                row.project(),
                row.branch(),
                row.pipeline(),
                row.ref());
    }

    private ZuulApiJson.Ref ref(BuildsetRow s) {
        return ref(s.project(), s.branch(), s.change(), s.patchSet(), s.ref(), s.newrev());
    }

    private ZuulApiJson.Ref ref(
            String project,
            String branch,
            Optional<Integer> change,
            Optional<Integer> patchSet,
            String ref,
            String newrev) {
        String url;
        if (change.isPresent()) {
            url = brand.reviewLink(
                    "/c/" + change.get() + patchSet.map(p -> "/" + p).orElse(""));
        } else if (!newrev.isBlank() && !project.isBlank()) {
            url = brand.link(Site.GIT, "/" + StoreKeys.urlPath(project) + "/+/" + newrev);
        } else {
            url = null;
        }
        return new ZuulApiJson.Ref(
                project,
                branch,
                change.orElse(null),
                patchSet.map(String::valueOf).orElse(null),
                ref,
                null,
                orNull(newrev),
                url);
    }

    private String logUrl(BuildRow row) {
        return brand.link(Site.LOGS, LogsUrls.folder(row.root()));
    }

    /**
     * Zuul's artifacts, those under the build's old log folder pointing here; and the build's
     * manifest, which Zuul's build page reads its logs tree from, when it has one Zuul did not list.
     */
    private List<ZuulApiJson.Artifact> artifacts(BuildRow row) {
        List<ZuulApiJson.Artifact> artifacts = new ArrayList<>();
        boolean manifestListed = false;
        for (Build.Artifact artifact : row.artifacts()) {
            String url = LogsUrls.moved(artifact.url(), row.logUrl(), logUrl(row));
            manifestListed |= "zuul_manifest".equals(artifact.metadata().get("type"));
            artifacts.add(new ZuulApiJson.Artifact(
                    artifact.name(), url, artifact.metadata().isEmpty() ? null : artifact.metadata()));
        }
        if (!manifestListed && row.hasManifest()) {
            artifacts.add(new ZuulApiJson.Artifact(
                    "Zuul Manifest",
                    brand.link(Site.LOGS, LogsUrls.file(row.root() + "/" + MANIFEST)),
                    java.util.Map.of("type", "zuul_manifest")));
        }
        return artifacts;
    }

    static String time(Optional<Instant> time) {
        return time.map(TIME::format).orElse(null);
    }

    private static String orNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
