package org.opencontrail.web.logs.live;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.database.BuildRow;
import org.opencontrail.web.logs.database.BuildsReader;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;

/**
 * Where an ended build's console is once its logs are stored: its console file's page (Zuul's
 * {@code job-output.txt}, or a Jenkins-era console), else its folder.
 */
@Singleton
final class StoredConsoles {

    /** Console files, as Zuul and the Jenkins-era jobs named them, in order of preference. */
    static final List<String> NAMES = List.of(
            "job-output.txt", "job-output.txt.gz", "console.html", "console.html.gz", "console.txt", "console.txt.gz");

    private final BuildsReader reader;
    private final PublicProjects projects;

    StoredConsoles(BuildsReader reader, PublicProjects projects) {
        this.reader = reader;
        this.projects = projects;
    }

    /** The stored console of a build this site shows and has stored, if it has. */
    Optional<String> url(String uuid) {
        return reader.build(uuid)
                .filter(build -> projects.shows(build.project()))
                .filter(build -> build.state().equals(IngestState.DONE.word()))
                .map(this::url);
    }

    /** The stored console of a build just stored. */
    String url(BuildRecord record) {
        for (String name : NAMES) {
            if (record.files().stream().anyMatch(file -> file.path().equals(name))) {
                return LogsUrls.file(record.root() + name);
            }
        }
        return LogsUrls.folder(record.root());
    }

    private String url(BuildRow build) {
        java.util.Set<String> stored = reader.storedFiles(build, NAMES);
        return NAMES.stream()
                .filter(stored::contains)
                .findFirst()
                .map(name -> LogsUrls.file(build.root() + name))
                .orElseGet(() -> LogsUrls.folder(build.root()));
    }
}
