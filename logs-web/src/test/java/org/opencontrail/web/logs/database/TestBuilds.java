package org.opencontrail.web.logs.database;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.zuul.builds.Build;

/** Build records as the ingest writes them, for the builds database's tests. */
final class TestBuilds {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00.250Z");

    private TestBuilds() {}

    /** A build uuid of hexadecimal digits from a short hexadecimal name: the name and zeros. */
    static String uuid(String name) {
        return (name + "0".repeat(32)).substring(0, 32);
    }

    /** The short name back from such a uuid. */
    static String name(String uuid) {
        return uuid.replaceFirst("0+$", "");
    }

    /** A finished build of a change, started {@code minutes} after T0, 10 minutes long. */
    static BuildRecord change(
            String name,
            String project,
            String job,
            String result,
            int change,
            int patchSet,
            String buildset,
            int minutes) {
        String uuid = uuid(name);
        Instant start = T0.plus(Duration.ofMinutes(minutes));
        Build build = new Build(
                uuid,
                job,
                Optional.ofNullable(result),
                true,
                "check",
                project,
                "master",
                Optional.of(change),
                Optional.of(patchSet),
                "refs/changes/" + change % 100 + "/" + change + "/" + patchSet,
                "",
                "https://zuul.example/logs/" + uuid + "/",
                Optional.of(start),
                Optional.ofNullable(result).map(r -> start.plus(Duration.ofMinutes(10))),
                Optional.empty(),
                "ubuntu-jammy",
                "",
                buildset,
                false,
                false,
                List.of(new Build.Artifact(
                        "Zuul Manifest",
                        "https://zuul.example/logs/" + uuid + "/zuul-manifest.json",
                        Map.of("type", "zuul_manifest"))),
                "event-" + buildset);
        return record(build);
    }

    static BuildRecord record(Build build) {
        return new BuildRecord(
                build,
                BuildRecord.rootOf(build),
                "mqtt",
                build.result().isPresent() ? IngestState.DONE : IngestState.QUEUED,
                "",
                1,
                List.of(
                        new BuildRecord.StoredFile("job-output.txt", 1000, 300),
                        new BuildRecord.StoredFile("zuul-manifest.json", 200, 100)),
                T0,
                T0.plus(Duration.ofHours(1)));
    }

    static Build with(Build b, boolean voting, boolean retried, boolean held, String nodeset) {
        return new Build(
                b.uuid(),
                b.job(),
                b.result(),
                voting,
                b.pipeline(),
                b.project(),
                b.branch(),
                b.change(),
                b.patchSet(),
                b.ref(),
                b.newrev(),
                b.logUrl(),
                b.startTime(),
                b.endTime(),
                b.duration(),
                nodeset,
                b.errorDetail(),
                b.buildsetUuid(),
                retried,
                held,
                b.artifacts(),
                b.eventId());
    }
}
