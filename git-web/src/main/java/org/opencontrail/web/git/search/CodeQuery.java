package org.opencontrail.web.git.search;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * A parsed code search query (Zoekt's syntax, a subset): atoms joined by and, or and not. An
 * atom that looks at the text ({@link Content}) carries the pattern that checks each line; the
 * others look at where a file is.
 */
public sealed interface CodeQuery {

    /** Every part holds. */
    record And(List<CodeQuery> parts) implements CodeQuery {}

    /** At least one part holds. */
    record Or(List<CodeQuery> parts) implements CodeQuery {}

    /** The part does not hold. */
    record Not(CodeQuery part) implements CodeQuery {}

    /**
     * A line of the file matches.
     *
     * @param text          what was asked, as written
     * @param regex         whether it is a regular expression (else a literal)
     * @param caseSensitive whether case counts
     * @param pattern       the compiled pattern, per line (RE2: linear in the text)
     * @param lines         how the lines it matches are found
     */
    record Content(String text, boolean regex, boolean caseSensitive, Pattern pattern, LineMatcher lines)
            implements CodeQuery {

        static Content of(String text, boolean regex, boolean caseSensitive, Pattern pattern) {
            return new Content(
                    text, regex, caseSensitive, pattern, LineMatcher.of(text, regex, caseSensitive, pattern));
        }
    }

    /** The project's name matches the regular expression ({@code r:}, {@code repo:}). */
    record Repo(Pattern name) implements CodeQuery {}

    /** The file's path matches the regular expression ({@code f:}, {@code file:}). */
    record FilePath(Pattern path) implements CodeQuery {}

    /** One of the refs the file is on has this text in its name ({@code b:}, {@code branch:}). */
    record Branch(Pattern part) implements CodeQuery {}

    /** The file is in this language ({@code lang:}), one of {@link CodeLanguages}' names. */
    record Lang(String language) implements CodeQuery {}
}
