package org.opencontrail.web.logs.search.lucene;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.logs.builds.Progress;
import org.opencontrail.web.logs.database.DatabaseRebuild;
import org.opencontrail.web.logs.store.Sizes;

/**
 * {@code java -jar logs-web.jar reindex} (what {@code ./suite reindex} runs): rebuilds the builds
 * database and the embedded search index from the store with a progress bar, then exits; 0 when
 * every build was written and indexed, 1 when some failed, 2 for a wrong call or an index in use.
 * With the search index on OpenSearch it rebuilds the database only, and says what rebuilds the index.
 */
public final class ReindexCommand {

    private static final String OPENSEARCH_HOSTS = "logs.search.opensearch.hosts";

    private ReindexCommand() {}

    public static int run(String[] args, PrintStream out) {
        if (args.length != 0) {
            out.println("usage: reindex   (rebuilds the builds database and the search index from the stored builds;"
                    + " logs-web must be stopped)");
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(Map.of("micronaut.server.enabled", false, "logs.command", "reindex"))
                .start()) {
            DatabaseRebuild.Summary database =
                    context.getBean(DatabaseRebuild.class).run(out, Progress.onTerminal());
            out.printf(
                    Locale.ROOT,
                    "Wrote %d builds into the builds database in %.1f s%s%n",
                    database.builds(),
                    database.seconds(),
                    database.failed().isEmpty() ? "" : "; " + database.failed().size() + " failed");
            database.failed().forEach((key, why) -> out.println("  failed " + key + ": " + why));
            if (context.getProperty(OPENSEARCH_HOSTS, String.class).isPresent()) {
                // the embedded index is the one reindex rebuilds; one nobody reads helps no one
                out.println("reindex: the search index is on OpenSearch (" + OPENSEARCH_HOSTS
                        + " is set), and reindex rebuilds the embedded index only, so it was left as it is. logs-web"
                        + " indexes into OpenSearch, when it starts, every finished build within logs.retention that the"
                        + " cluster lacks; to rebuild the cluster's index, delete its indices and restart logs-web.");
                return database.failed().isEmpty() ? 0 : 1;
            }
            Reindex.Summary summary = context.getBean(Reindex.class).run(out, Progress.onTerminal());
            out.printf(
                    Locale.ROOT,
                    "Indexed %d builds, %d lines (%s of text) in %.1f s (%s/s)%s%n",
                    summary.builds(),
                    summary.lines(),
                    Sizes.human(summary.chars()),
                    summary.seconds(),
                    Sizes.human((long) (summary.chars() / Math.max(summary.seconds(), 1e-3))),
                    summary.failed().isEmpty() ? "" : "; " + summary.failed().size() + " failed");
            summary.failed().forEach((uuid, why) -> out.println("  failed " + uuid + ": " + why));
            return summary.failed().isEmpty() && database.failed().isEmpty() ? 0 : 1;
        } catch (IllegalStateException e) {
            out.println("reindex: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("reindex failed: " + e.getMessage());
            return 1;
        }
    }
}
