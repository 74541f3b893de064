package org.opencontrail.web.logs.live;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.ConsoleFiles;
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
        return ConsoleFiles.of(record.files().stream()
                        .map(BuildRecord.StoredFile::path)
                        .toList())
                .map(name -> LogsUrls.file(record.root() + name))
                .orElseGet(() -> LogsUrls.folder(record.root()));
    }

    private String url(BuildRow build) {
        return ConsoleFiles.of(reader.storedFiles(build, ConsoleFiles.NAMES))
                .map(name -> LogsUrls.file(build.root() + name))
                .orElseGet(() -> LogsUrls.folder(build.root()));
    }
}
