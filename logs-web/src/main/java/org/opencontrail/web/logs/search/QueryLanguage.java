package org.opencontrail.web.logs.search;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * The query language: Lucene's query syntax over the logstash field names (so elastic-recheck
 * queries run as written) and our shorter aliases. Unknown fields match nothing and are reported;
 * syntax errors, regular expressions too complex to run and queries too long are refused with the
 * position and the reason.
 */
@Singleton
public final class QueryLanguage {

    /**
     * A parsed query.
     *
     * @param query    the query, over line, build and file fields
     * @param warnings what the query asked that cannot match (unknown fields)
     * @param text     the query as written, for an engine that reads the query language itself
     */
    public record Parsed(Query query, List<String> warnings, String text) {}

    private static final Pattern POSITION = Pattern.compile("line (\\d+), column (\\d+)");
    /** A regular expression may expand to at most this many automaton states. */
    private static final int REGEX_WORK_LIMIT = 10_000;

    private final SearchSettings settings;

    QueryLanguage(SearchSettings settings) {
        this.settings = settings;
    }

    public Parsed parse(String text) throws BadQuery {
        if (text == null || text.isBlank()) {
            throw new BadQuery(-1, "the query is empty", text);
        }
        if (text.length() > settings.maxQueryLength()) {
            throw new BadQuery(
                    settings.maxQueryLength(),
                    "the query is " + text.length() + " characters long; at most " + settings.maxQueryLength()
                            + " are accepted",
                    text);
        }
        LogQueryParser parser = new LogQueryParser();
        try {
            return new Parsed(parser.parse(text), List.copyOf(parser.warnings), text);
        } catch (ParseException e) {
            throw new BadQuery(position(text, e.getMessage()), reason(e), text);
        } catch (TokenMgrError e) {
            throw new BadQuery(
                    position(text, e.getMessage()), "cannot read the query: " + firstLine(e.getMessage()), text);
        } catch (TooComplexToDeterminizeException e) {
            throw new BadQuery(-1, "a regular expression is too complex to run (it expands to too many states)", text);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new BadQuery(-1, "the query has more than " + IndexSearcher.getMaxClauseCount() + " clauses", text);
        } catch (IllegalArgumentException e) {
            throw new BadQuery(-1, e.getMessage(), text);
        }
    }

    private static String reason(ParseException wrapped) {
        ParseException e = wrapped;
        while (e.getCause() instanceof ParseException inner) {
            e = inner; // the parser wraps the error of its grammar in its own
        }
        Throwable cause = e.getCause();
        if (cause instanceof TooComplexToDeterminizeException) {
            return "a regular expression is too complex to run (it expands to too many states)";
        }
        if (cause instanceof IndexSearcher.TooManyClauses) {
            return "the query has more than " + IndexSearcher.getMaxClauseCount() + " clauses";
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        if (e.currentToken != null && e.currentToken.next != null && e.expectedTokenSequences != null) {
            String found =
                    e.currentToken.next.kind == 0 ? "the end of the query" : "\"" + e.currentToken.next.image + "\"";
            return "unexpected " + found
                    + (e.currentToken.next.kind == 0 ? " (an unclosed quote or parenthesis?)" : "");
        }
        return firstLine(wrapped.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        line = newline >= 0 ? line.substring(0, newline) : line;
        return line.replaceFirst("^Cannot parse '.*?': ", "");
    }

    /** The 0-based offset of "line L, column C" in a message, or -1. */
    private static int position(String text, String message) {
        if (message == null) {
            return -1;
        }
        Matcher m = POSITION.matcher(message);
        if (!m.find()) {
            return -1;
        }
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                break;
            }
            offset = newline + 1;
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }

    /** Lucene's parser, with field names resolved and time ranges as instants. */
    private static final class LogQueryParser extends QueryParser {

        private final List<String> warnings = new ArrayList<>();

        LogQueryParser() {
            super(SearchFields.MESSAGE, LogAnalyzers.perField(false));
            setSplitOnWhitespace(true);
            setAutoGeneratePhraseQueries(true);
            setAllowLeadingWildcard(true);
            setDeterminizeWorkLimit(REGEX_WORK_LIMIT);
            setDefaultOperator(Operator.OR);
        }

        private String field(String name) {
            if (name == null || name.equals("*")) {
                return name;
            }
            var resolved = SearchFields.resolve(name);
            if (resolved.isEmpty()) {
                String warning = "unknown field " + name + ": it matches nothing (fields: "
                        + String.join(" ", SearchFields.DESCRIBED.keySet()) + ")";
                if (!warnings.contains(warning)) {
                    warnings.add(warning);
                }
                return null;
            }
            return resolved.get();
        }

        private static Query nothing(String name) {
            return new MatchNoDocsQuery("unknown field " + name);
        }

        @Override
        protected Query getFieldQuery(String name, String queryText, boolean quoted) throws ParseException {
            String field = field(name);
            if (field == null && name != null) {
                return nothing(name);
            }
            if (SearchFields.TIME.equals(field) || SearchFields.BUILD_TIME.equals(field)) {
                long millis = instant(queryText, false).toEpochMilli();
                return LongPoint.newExactQuery(field, millis);
            }
            return super.getFieldQuery(field, queryText, quoted);
        }

        @Override
        protected Query getFieldQuery(String name, String queryText, int slop) throws ParseException {
            String field = field(name);
            return field == null && name != null ? nothing(name) : super.getFieldQuery(field, queryText, slop);
        }

        @Override
        protected Query getRangeQuery(
                String name, String part1, String part2, boolean startInclusive, boolean endInclusive)
                throws ParseException {
            String field = field(name);
            if (field == null && name != null) {
                return nothing(name);
            }
            if (SearchFields.TIME.equals(field)) {
                long from = part1 == null || part1.equals("*")
                        ? Long.MIN_VALUE
                        : instant(part1, false).toEpochMilli() + (startInclusive ? 0 : 1);
                long to = part2 == null || part2.equals("*")
                        ? Long.MAX_VALUE
                        : instant(part2, true).toEpochMilli() - (endInclusive ? 0 : 1);
                return LongPoint.newRangeQuery(field, from, to);
            }
            return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
        }

        @Override
        protected Query getWildcardQuery(String name, String termStr) throws ParseException {
            String field = field(name);
            return field == null && name != null ? nothing(name) : super.getWildcardQuery(field, termStr);
        }

        @Override
        protected Query getPrefixQuery(String name, String termStr) throws ParseException {
            String field = field(name);
            return field == null && name != null ? nothing(name) : super.getPrefixQuery(field, termStr);
        }

        @Override
        protected Query getRegexpQuery(String name, String termStr) throws ParseException {
            String field = field(name);
            return field == null && name != null ? nothing(name) : super.getRegexpQuery(field, termStr);
        }

        @Override
        protected Query getFuzzyQuery(String name, String termStr, float minSimilarity) throws ParseException {
            String field = field(name);
            return field == null && name != null ? nothing(name) : super.getFuzzyQuery(field, termStr, minSimilarity);
        }

        @Override
        protected BooleanQuery.Builder newBooleanQuery() {
            return new BooleanQuery.Builder();
        }

        private static Instant instant(String text, boolean endOfDay) throws ParseException {
            return Times.parse(text, endOfDay)
                    .orElseThrow(() -> new ParseException("not a time: " + text + " (" + Times.FORMS + ")"));
        }
    }
}
