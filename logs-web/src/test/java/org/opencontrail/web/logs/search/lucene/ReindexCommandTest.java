package org.opencontrail.web.logs.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./suite reindex}: what it rebuilds, and what it refuses to. */
class ReindexCommandTest {

    @TempDir
    Path temp;

    @AfterEach
    void forgetSettings() {
        System.clearProperty("logs.dir");
        System.clearProperty("logs.search.opensearch.hosts");
    }

    @Test
    void withTheIndexOnOpenSearchItRebuildsTheDatabaseOnlyAndSaysWhatRebuildsTheIndex() {
        System.setProperty("logs.dir", temp.resolve("store").toString());
        System.setProperty("logs.search.opensearch.hosts", "127.0.0.1:1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReindexCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Wrote 0 builds into the builds database")
                .contains("the search index is on OpenSearch")
                .contains("left as it is")
                .contains("rebuilds the embedded index only")
                .contains("that the cluster lacks");
    }

    @Test
    void anEmptyStoreIsReindexedIntoTheEmbeddedIndex() {
        System.setProperty("logs.dir", temp.resolve("store").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReindexCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Wrote 0 builds into the builds database")
                .contains("Indexed 0 builds");
    }
}
