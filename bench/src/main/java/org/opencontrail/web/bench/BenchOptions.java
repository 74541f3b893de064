package org.opencontrail.web.bench;

import picocli.CommandLine;

/**
 * A benchmark's command line read by picocli: {@code --help} prints the options and their
 * defaults; a wrong or missing option says which, with the usage, and ends the run with status 2.
 */
public final class BenchOptions {

    private BenchOptions() {}

    /** The options object filled from the arguments; does not return on {@code --help} or a bad option. */
    public static <T> T parse(T options, String[] args) {
        CommandLine cli = new CommandLine(options);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            cli.usage(System.err);
            System.exit(2);
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(System.out);
            System.exit(0);
        }
        return options;
    }
}
