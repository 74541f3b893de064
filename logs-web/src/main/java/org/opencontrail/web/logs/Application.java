package org.opencontrail.web.logs;

import io.micronaut.runtime.Micronaut;
import java.util.Arrays;
import org.opencontrail.web.logs.ingest.ImportCommand;
import org.opencontrail.web.logs.search.lucene.ReindexCommand;

/**
 * Starts logs-web; {@code import DIR} imports a log tree instead (see {@link ImportCommand}),
 * {@code reindex} rebuilds the search index (see {@link ReindexCommand}).
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("reindex")) {
            System.exit(ReindexCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        Micronaut.run(Application.class, args);
    }
}
