package org.opencontrail.web.logs.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Marks in a hit's line the words its query looked for: the line is split as the index split it,
 * and each word that is one of the query's message terms, or that one of its patterns (prefix,
 * wildcard, regular expression, fuzzy) accepts, is put in {@code <mark>}; the rest is escaped.
 * Words under a NOT are not marked. Cheaper than re-running the query on each line, and the same
 * words a reader would look for.
 */
public final class HitMarker {

    private final Set<String> terms = new HashSet<>();
    private final List<ByteRunAutomaton> patterns = new ArrayList<>();
    private final Analyzer analyzer;

    public HitMarker(Query query, Analyzer analyzer) {
        this.analyzer = analyzer;
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                return SearchFields.MESSAGE.equals(field);
            }

            @Override
            public void consumeTerms(Query q, Term... found) {
                for (Term term : found) {
                    terms.add(term.text());
                }
            }

            @Override
            public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                patterns.add(automaton.get());
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
    }

    /** The line as HTML, its matching words marked. */
    public String mark(String text) {
        if (terms.isEmpty() && patterns.isEmpty()) {
            return SimpleHTMLEncoder.htmlEncode(text);
        }
        StringBuilder html = new StringBuilder(text.length() + 32);
        int written = 0;
        try (TokenStream tokens = analyzer.tokenStream(SearchFields.MESSAGE, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
            tokens.reset();
            int markStart = -1;
            int markEnd = -1;
            while (tokens.incrementToken()) {
                if (!matches(term.toString())) {
                    continue;
                }
                int start = offset.startOffset();
                int end = offset.endOffset();
                if (markStart >= 0
                        && (start <= markEnd || text.substring(markEnd, start).isBlank())) {
                    markEnd = Math.max(markEnd, end); // a word stacked on another, or the next of a phrase: one mark
                    continue;
                }
                if (markStart >= 0) {
                    written = close(html, text, written, markStart, markEnd);
                }
                markStart = start;
                markEnd = end;
            }
            tokens.end();
            if (markStart >= 0) {
                written = close(html, text, written, markStart, markEnd);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        html.append(SimpleHTMLEncoder.htmlEncode(text.substring(written)));
        return html.toString();
    }

    private static int close(StringBuilder html, String text, int written, int start, int end) {
        html.append(SimpleHTMLEncoder.htmlEncode(text.substring(written, start)))
                .append("<mark>")
                .append(SimpleHTMLEncoder.htmlEncode(text.substring(start, end)))
                .append("</mark>");
        return end;
    }

    private boolean matches(String word) {
        if (terms.contains(word)) {
            return true;
        }
        if (patterns.isEmpty()) {
            return false;
        }
        BytesRef bytes = new BytesRef(word);
        for (ByteRunAutomaton pattern : patterns) {
            if (pattern.run(bytes.bytes, bytes.offset, bytes.length)) {
                return true;
            }
        }
        return false;
    }
}
