package org.opencontrail.web.deploy.gerrit;

import java.util.Arrays;

/**
 * Runs one of Gerrit's programs (Init, Daemon), which have an instance method {@code int
 * main(String[])} rather than a static one: {@code GerritLauncher CLASS ARGS...}.
 */
public final class GerritLauncher {

    private GerritLauncher() {}

    public static void main(String[] args) throws Exception {
        Object program = Class.forName(args[0]).getDeclaredConstructor().newInstance();
        int code = (int) program.getClass().getMethod("main", String[].class).invoke(program, (Object)
                Arrays.copyOfRange(args, 1, args.length));
        System.exit(code);
    }
}
