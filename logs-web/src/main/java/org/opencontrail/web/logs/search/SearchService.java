package org.opencontrail.web.logs.search;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Runs searches over the {@link SearchIndex}: the search page and API, a known failure's
 * signature over builds, the first matching lines of a build.
 */
public interface SearchService {

    /** A search as people ask it: hits in context, facets, the histogram. */
    SearchResult search(SearchRequest request) throws BadQuery;

    /** The builds with a line matching a parsed query, among the files given (null: all): what a known failure's signature is run for. */
    Set<String> buildsMatching(QueryLanguage.Parsed query, Collection<Long> files);

    /** The first matching lines of a parsed query in the files given, in line order: what a build page shows of a signature. */
    List<SearchResult.Hit> firstLines(QueryLanguage.Parsed query, Collection<Long> files, int limit);
}
