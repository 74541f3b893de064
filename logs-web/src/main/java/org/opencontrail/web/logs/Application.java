package org.opencontrail.web.logs;

import io.micronaut.runtime.Micronaut;
import org.opencontrail.web.logs.ingest.ImportCommand;

import java.util.Arrays;

/** Starts logs-web; {@code import DIR} imports a log tree instead (see {@link ImportCommand}). */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        Micronaut.run(Application.class, args);
    }
}
