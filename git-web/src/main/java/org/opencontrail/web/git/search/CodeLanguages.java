package org.opencontrail.web.git.search;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.opencontrail.web.git.browse.Languages;

/**
 * The languages {@code lang:} knows: those the file pages highlight (one list for the site), under
 * their names and the names people type for them ({@code lang:c++}, {@code lang:shell}).
 */
final class CodeLanguages {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("c++", "cpp"),
            Map.entry("cxx", "cpp"),
            Map.entry("py", "python"),
            Map.entry("golang", "go"),
            Map.entry("js", "javascript"),
            Map.entry("ts", "typescript"),
            Map.entry("shell", "bash"),
            Map.entry("sh", "bash"),
            Map.entry("yml", "yaml"),
            Map.entry("make", "makefile"),
            Map.entry("md", "markdown"),
            Map.entry("html", "xml"),
            Map.entry("rs", "rust"),
            Map.entry("rb", "ruby"));

    private CodeLanguages() {}

    /** A file's language, empty when it has none the site knows. */
    static String of(String path) {
        return Languages.of(path);
    }

    /** The language a name in a query stands for. */
    static Optional<String> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String language = ALIASES.getOrDefault(lower, lower);
        return Languages.names().contains(language) ? Optional.of(language) : Optional.empty();
    }

    /** Every name {@code lang:} takes, for the message of a query that names another. */
    static Set<String> known() {
        return new TreeSet<>(Languages.names());
    }
}
