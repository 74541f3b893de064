package org.opencontrail.web.logs.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;

/** The builds database rebuilt from the store's records, the system of record, as {@code ./suite reindex} does. */
class DatabaseRebuildTest {

    @Test
    void everyRecordTheStoreKeepsComesBackAndNothingElse() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(
                new java.util.HashMap<String, Object>(TemporaryLogsDir.properties("database-rebuild")))) {
            BuildRecords records = context.getBean(BuildRecords.class);
            BuildsWriter writer = context.getBean(BuildsWriter.class);
            BuildsReader reader = context.getBean(BuildsReader.class);
            records.save(TestBuilds.change("aa1", "p", "unittest", "SUCCESS", 1, 1, "s1", 0)
                    .with(IngestState.DONE, "", TestBuilds.T0));
            records.save(TestBuilds.change("aa2", "p", "pep8", "FAILURE", 1, 1, "s1", 1)
                    .with(IngestState.DONE, "", TestBuilds.T0));
            records.forget(TestBuilds.uuid("aa2")); // lost with this replica's disk: the store still has it
            // a row the store knows nothing of (written by hand, or by a build since purged)
            writer.write(TestBuilds.change("bb1", "p", "unittest", "SUCCESS", 2, 1, "s2", 2));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DatabaseRebuild.Summary summary = context.getBean(DatabaseRebuild.class)
                    .run(new PrintStream(out, true, StandardCharsets.UTF_8), false);

            assertThat(summary.failed()).isEmpty();
            assertThat(summary.builds()).isEqualTo(2);
            assertThat(reader.build(TestBuilds.uuid("aa1"))).isPresent();
            assertThat(reader.build(TestBuilds.uuid("aa2")))
                    .as("from the store")
                    .isPresent();
            assertThat(reader.build(TestBuilds.uuid("bb1"))).isEmpty();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("Builds database [")
                    .contains("2/2 builds");
            assertThat(context.getBean(DatabaseLoad.class).loadOnce())
                    .as("a rebuilt database needs no load")
                    .isZero();
        }
    }
}
