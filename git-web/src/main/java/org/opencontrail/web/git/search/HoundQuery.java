package org.opencontrail.web.git.search;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;

/** A Hound API request as a query: its pattern, and its repositories and files as the query's atoms. */
final class HoundQuery {

    private HoundQuery() {}

    static CodeQuery of(String q, boolean literal, boolean ignoreCase, String repos, String files, String excludeFiles)
            throws BadCodeQuery {
        List<CodeQuery> parts = new ArrayList<>();
        int flags = Pattern.MULTILINE | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        parts.add(CodeQuery.Content.of(q, !literal, !ignoreCase, compile(literal ? Pattern.quote(q) : q, flags, "q")));
        if (repos != null && !repos.isBlank() && !repos.strip().equals("*")) {
            List<CodeQuery> named = new ArrayList<>();
            for (String repo : repos.split(",")) {
                if (!repo.isBlank()) {
                    named.add(new CodeQuery.Repo(Pattern.compile("^" + Pattern.quote(repo.strip()) + "$")));
                }
            }
            parts.add(named.size() == 1 ? named.get(0) : new CodeQuery.Or(List.copyOf(named)));
        }
        if (files != null && !files.isEmpty()) {
            parts.add(new CodeQuery.FilePath(compile(files, 0, "files")));
        }
        if (excludeFiles != null && !excludeFiles.isEmpty()) {
            parts.add(new CodeQuery.Not(new CodeQuery.FilePath(compile(excludeFiles, 0, "excludeFiles"))));
        }
        return parts.size() == 1 ? parts.get(0) : new CodeQuery.And(List.copyOf(parts));
    }

    private static Pattern compile(String regex, int flags, String name) throws BadCodeQuery {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new BadCodeQuery(
                    name + " is not a regular expression this site reads (" + e.getDescription() + ")", 0);
        }
    }
}
