package org.opencontrail.web.logs.files;

import java.util.Arrays;
import java.util.List;
import org.opencontrail.web.logs.lines.Severity;

/**
 * One choice of a log page's lowest-level filter.
 *
 * @param value    the {@code level} sent, empty for every line
 * @param label    what the choice says
 * @param selected whether the page is filtered so now
 */
public record LevelOption(String value, String label, boolean selected) {

    /** Every level, lowest first, the one the page is filtered by selected. */
    static List<LevelOption> all(Severity filter) {
        return Arrays.stream(Severity.values())
                .map(level -> level == Severity.NONE
                        ? new LevelOption("", "all lines", level == filter)
                        : new LevelOption(level.name(), level.name(), level == filter))
                .toList();
    }
}
