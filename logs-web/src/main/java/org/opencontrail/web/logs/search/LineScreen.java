package org.opencontrail.web.logs.search;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.opencontrail.web.analysis.LogTokenizer;

/**
 * What a line's message must hold for a query to match it, found without analysing the line: some
 * text of which it holds one, lowered as its words are. Every word of a message is a piece of it,
 * lowered character by character ({@link LogTokenizer}), so a line whose lowered message holds none
 * of them has none of the words the query needs, and need not be checked. Only what the query cannot
 * match without counts: a negation, or a clause on another field, leaves no such condition.
 */
public final class LineScreen {

    /** No line passes. */
    private static final LineScreen NONE = new LineScreen(List.of());

    /** null: every line may match. */
    private final List<String> pieces;

    private LineScreen(List<String> pieces) {
        this.pieces = pieces;
    }

    /** The screen of a query over lines; one that lets every line through when the query needs no word. */
    public static LineScreen of(Query query) {
        Set<String> needed = needed(query);
        return needed == null ? new LineScreen(null) : needed.isEmpty() ? NONE : new LineScreen(List.copyOf(needed));
    }

    /** Whether the screen lets every line through. */
    public boolean passesAll() {
        return pieces == null;
    }

    /** Whether a line with this message may match. */
    public boolean passes(String message) {
        if (pieces == null) {
            return true;
        }
        if (pieces.isEmpty()) {
            return false;
        }
        char[] lowered = new char[message.length()];
        for (int i = 0; i < lowered.length; i++) {
            lowered[i] = LogTokenizer.lower(message.charAt(i));
        }
        String text = new String(lowered);
        for (String piece : pieces) {
            if (text.contains(piece)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pieces of text one of which a matching line's message holds; null when there are none (any
     * line may match); empty when no line can.
     */
    private static Set<String> needed(Query query) {
        if (query instanceof BoostQuery boost) {
            return needed(boost.getQuery());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return needed(constant.getQuery());
        }
        if (query instanceof MatchNoDocsQuery) {
            return Set.of();
        }
        if (query instanceof TermQuery term) {
            return piece(term.getTerm());
        }
        if (query instanceof PhraseQuery phrase) {
            return longest(phrase.getTerms());
        }
        if (query instanceof MultiPhraseQuery phrase) {
            Set<String> best = null;
            for (Term[] alternatives : phrase.getTermArrays()) {
                Set<String> any = anyOf(alternatives);
                if (any != null && (best == null || shortest(any) > shortest(best))) {
                    best = any;
                }
            }
            return best;
        }
        if (query instanceof SynonymQuery synonyms) {
            return anyOf(synonyms.getTerms().toArray(new Term[0]));
        }
        if (query instanceof PrefixQuery prefix) {
            return piece(prefix.getPrefix());
        }
        if (query instanceof WildcardQuery wildcard) {
            return literal(wildcard.getTerm());
        }
        if (query instanceof BooleanQuery bool) {
            return needed(bool);
        }
        return null; // regular expressions, fuzzy words, ranges, other fields: any line may match
    }

    private static Set<String> needed(BooleanQuery bool) {
        Set<String> best = null;
        boolean required = false;
        for (BooleanClause clause : bool.clauses()) {
            if (clause.getOccur() == BooleanClause.Occur.MUST || clause.getOccur() == BooleanClause.Occur.FILTER) {
                required = true;
                Set<String> own = needed(clause.getQuery());
                if (own != null
                        && (best == null || own.isEmpty() || (!best.isEmpty() && shortest(own) > shortest(best)))) {
                    best = own; // any one required clause's condition holds for the whole
                }
            }
        }
        if (required || bool.getMinimumNumberShouldMatch() > 1) {
            return best;
        }
        Set<String> union = new HashSet<>();
        boolean any = false;
        for (BooleanClause clause : bool.clauses()) {
            if (clause.getOccur() == BooleanClause.Occur.SHOULD) {
                any = true;
                Set<String> own = needed(clause.getQuery());
                if (own == null) {
                    return null; // one alternative needs no word
                }
                union.addAll(own);
            }
        }
        return any ? union : null;
    }

    private static Set<String> piece(Term term) {
        return SearchFields.MESSAGE.equals(term.field()) && !term.text().isEmpty() ? Set.of(term.text()) : null;
    }

    private static Set<String> anyOf(Term[] terms) {
        Set<String> any = new HashSet<>();
        for (Term term : terms) {
            Set<String> own = piece(term);
            if (own == null) {
                return null;
            }
            any.addAll(own);
        }
        return any.isEmpty() ? null : any;
    }

    private static Set<String> longest(Term[] terms) {
        Term best = null;
        for (Term term : terms) {
            if (SearchFields.MESSAGE.equals(term.field())
                    && (best == null || term.text().length() > best.text().length())) {
                best = term;
            }
        }
        return best == null ? null : piece(best);
    }

    /** The longest run of a wildcard pattern without a wildcard or an escape. */
    private static Set<String> literal(Term pattern) {
        if (!SearchFields.MESSAGE.equals(pattern.field())) {
            return null;
        }
        String text = pattern.text();
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '*';
            if (c == '*' || c == '?' || c == '\\') {
                if (run.length() > best.length()) {
                    best = run.toString();
                }
                run.setLength(0);
                if (c == '\\') {
                    i++; // the escaped character is taken as it is: left out, to be safe
                }
            } else {
                run.append(c);
            }
        }
        return best.isEmpty() ? null : Set.of(best);
    }

    private static int shortest(Set<String> pieces) {
        int shortest = Integer.MAX_VALUE;
        for (String piece : pieces) {
            shortest = Math.min(shortest, piece.length());
        }
        return shortest;
    }
}
