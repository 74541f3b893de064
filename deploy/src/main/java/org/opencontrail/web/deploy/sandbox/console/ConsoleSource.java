package org.opencontrail.web.deploy.sandbox.console;

import java.util.Optional;

/** The consoles a {@link ConsoleServer} serves: each build's text as it stands now. */
@FunctionalInterface
public interface ConsoleSource {

    /**
     * A build's console now.
     *
     * @param text     everything written so far (what was served before is always its start)
     * @param complete whether the build's log has ended
     */
    record Console(String text, boolean complete) {}

    /** The build's console, empty for a build unknown here. */
    Optional<Console> console(String uuid);
}
