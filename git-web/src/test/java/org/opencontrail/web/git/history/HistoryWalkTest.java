package org.opencontrail.web.git.history;

import java.nio.file.Path;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of history walks share: a folder, the indexes of changed paths (made when a test
 * says so, so that each walk is checked without and with one), and JGit told to read the
 * commit-graph's changed-path filters, as the mirrors tell it at start.
 */
abstract class HistoryWalkTest {

    @TempDir
    Path tmp;

    final ChangedPathIndexes indexes = new ChangedPathIndexes(java.util.concurrent.Executors.newSingleThreadExecutor());

    @BeforeAll
    static void readFilters() throws Exception {
        org.eclipse.jgit.util.SystemReader.getInstance()
                .getJGitConfig()
                .setBoolean(
                        ConfigConstants.CONFIG_COMMIT_GRAPH_SECTION,
                        null,
                        ConfigConstants.CONFIG_KEY_READ_CHANGED_PATHS,
                        true);
    }

    @AfterEach
    void closeIndexes() {
        indexes.close();
    }

    /** Makes the repository's index now; walks after this use it. */
    void index(Repository repository) throws InterruptedException {
        indexes.prepare(repository);
        indexes.awaitPrepared();
    }
}
