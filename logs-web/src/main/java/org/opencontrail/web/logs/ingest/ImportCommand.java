package org.opencontrail.web.logs.ingest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.opencontrail.web.logs.builds.Progress;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.lucene.Reindex;
import org.opencontrail.web.logs.store.Sizes;

/**
 * {@code java -jar logs-web.jar import DIR} (what {@code ./suite import DIR} runs): imports a log
 * tree into the configured store with a progress bar and a summary, then exits; 0 when every file
 * was stored, 1 when some were refused, 2 for a wrong call.
 */
public final class ImportCommand {

    private ImportCommand() {}

    /**
     * Indexes what was imported into the configured index (the embedded one or the OpenSearch
     * cluster), unless it cannot be written now: logs-web indexes them at its next start.
     */
    private static void indexImported(ApplicationContext context, PrintStream out) {
        SearchIndex index;
        try {
            index = context.getBean(SearchIndex.class);
        } catch (BeanInstantiationException e) {
            out.println(
                    "The search index is in use (logs-web is running): restart logs-web and it indexes the imported builds");
            return;
        }
        String problem = index.writeProblem();
        if (!problem.isEmpty()) {
            out.println("The imported builds are stored but not indexed: " + problem
                    + ". logs-web indexes them once it starts and can write to its index");
            return;
        }
        Reindex.Summary indexed = context.getBean(Reindex.class).indexWaiting(index, out, Progress.onTerminal());
        out.printf(
                Locale.ROOT,
                "Indexed %d builds, %d lines (%s of text) in %.1f s (%s/s)%s%n",
                indexed.builds(),
                indexed.lines(),
                Sizes.human(indexed.chars()),
                indexed.seconds(),
                Sizes.human((long) (indexed.chars() / Math.max(indexed.seconds(), 1e-3))),
                indexed.failed().isEmpty()
                        ? ""
                        : "; " + indexed.failed().size() + " failed, indexed again at logs-web's next start");
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length != 1) {
            out.println("usage: import DIR   (a log tree in the logs.openstack.org layout)");
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(java.util.Map.of("micronaut.server.enabled", false, "logs.command", "import"))
                .start()) {
            BulkImport.Summary summary =
                    context.getBean(BulkImport.class).run(Path.of(args[0]), out, Progress.onTerminal());
            out.printf(
                    Locale.ROOT,
                    "Stored %d files, %d were already there, %d refused; %s in %.1f s (%s/s); %d builds recorded%n",
                    summary.stored(),
                    summary.skipped(),
                    summary.refused().size(),
                    Sizes.human(summary.bytes()),
                    summary.seconds(),
                    Sizes.human((long) (summary.bytes() / Math.max(summary.seconds(), 1e-3))),
                    summary.builds());
            summary.refused().entrySet().stream()
                    .limit(20)
                    .forEach(e -> out.println("  refused " + e.getKey() + ": " + e.getValue()));
            if (summary.refused().size() > 20) {
                out.println("  ... and " + (summary.refused().size() - 20) + " more");
            }
            indexImported(context, out);
            return summary.refused().isEmpty() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            out.println("import: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            out.println("import failed: " + e.getMessage());
            return 1;
        }
    }
}
