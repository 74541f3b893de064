package org.opencontrail.web.logs.search.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.opencontrail.web.logs.search.SearchFields;

/**
 * The query that finds a parsed query's candidate blocks: every block with a line the query
 * matches, and some more. Each clause becomes the same clause on the block's fields (a line's
 * terms are among its block's, its level among the block's levels, its time within the block's
 * span), with two exceptions that would otherwise lose lines: a negated clause drops nothing (its
 * words may be on another line of the block: {@code NOT message:"..."} is checked per line), and a
 * phrase with slop asks only for its words. The query's terms are already analysed, as the index
 * analyses text, so they are asked as terms.
 */
final class BlockQuery {

    /** The line fields that hold words, whose ranges the cluster compares as it does Lucene. */
    private static final java.util.Set<String> WORDS = java.util.Set.of(
            SearchFields.MESSAGE, SearchFields.LOGLEVEL, SearchFields.MODULE, SearchFields.SYSLOG_PROGRAM);

    private BlockQuery() {}

    /** The candidates of a query, as OpenSearch's query DSL. */
    static ObjectNode of(Query query) {
        if (query instanceof BooleanQuery bool) {
            return bool(bool);
        }
        if (query instanceof BoostQuery boost) {
            return of(boost.getQuery());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return of(constant.getQuery());
        }
        if (query instanceof TermQuery term) {
            return term(term.getTerm());
        }
        if (query instanceof PhraseQuery phrase) {
            return phrase(phrase);
        }
        if (query instanceof MultiPhraseQuery phrase) {
            return multiPhrase(phrase);
        }
        if (query instanceof SynonymQuery synonyms) {
            return anyOf(synonyms.getTerms());
        }
        if (query instanceof WildcardQuery wildcard) {
            return pattern("wildcard", wildcard.getTerm());
        }
        if (query instanceof PrefixQuery prefix) {
            return pattern("prefix", prefix.getPrefix());
        }
        if (query instanceof RegexpQuery regexp) {
            ObjectNode node = pattern("regexp", regexp.getRegexp());
            ((ObjectNode) node.path("regexp").path(regexp.getField()))
                    .put("flags", "ALL")
                    .put("max_determinized_states", 10_000);
            return node;
        }
        if (query instanceof FuzzyQuery fuzzy) {
            return fuzzy(fuzzy);
        }
        if (query instanceof TermRangeQuery range) {
            return termRange(range);
        }
        if (query instanceof PointRangeQuery range && range.getNumDims() == 1 && range.getBytesPerDim() == Long.BYTES) {
            return pointRange(range);
        }
        if (query instanceof MatchNoDocsQuery) {
            return OpenSearchClient.object().set("match_none", OpenSearchClient.object());
        }
        return all(); // MatchAllDocsQuery, and anything this does not know: every block is a candidate
    }

    static ObjectNode all() {
        ObjectNode node = OpenSearchClient.object();
        node.putObject("match_all");
        return node;
    }

    private static boolean isAll(ObjectNode node) {
        return node.has("match_all");
    }

    private static ObjectNode bool(BooleanQuery bool) {
        List<ObjectNode> required = new ArrayList<>();
        List<ObjectNode> optional = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> {
                    ObjectNode node = of(clause.getQuery());
                    if (!isAll(node)) {
                        required.add(node);
                    }
                }
                case SHOULD -> optional.add(of(clause.getQuery()));
                default -> {
                    // MUST_NOT: the words may be on another line of the block than the one that matches
                }
            }
        }
        boolean anyRequired = bool.clauses().stream()
                .anyMatch(c -> c.getOccur() == BooleanClause.Occur.MUST || c.getOccur() == BooleanClause.Occur.FILTER);
        int atLeast = bool.getMinimumNumberShouldMatch();
        if (atLeast == 0 && !anyRequired && !optional.isEmpty()) {
            atLeast = 1; // only optional clauses: one must hold, as Lucene has it
        }
        ObjectNode node = OpenSearchClient.object();
        ObjectNode inner = node.putObject("bool");
        if (!required.isEmpty()) {
            ArrayNode filter = inner.putArray("filter");
            required.forEach(filter::add);
        }
        if (atLeast > 0 && optional.stream().filter(BlockQuery::isAll).count() < atLeast) {
            ArrayNode should = inner.putArray("should");
            optional.stream().filter(o -> !isAll(o)).forEach(should::add);
            inner.put(
                    "minimum_should_match",
                    atLeast - (int) optional.stream().filter(BlockQuery::isAll).count());
        }
        return inner.isEmpty() ? all() : node;
    }

    private static ObjectNode term(Term term) {
        ObjectNode node = OpenSearchClient.object();
        node.putObject("term").put(term.field(), term.text());
        return node;
    }

    private static ObjectNode anyOf(List<Term> terms) {
        if (terms.isEmpty()) {
            return all();
        }
        ObjectNode node = OpenSearchClient.object();
        ArrayNode values = node.putObject("terms").putArray(terms.get(0).field());
        terms.forEach(t -> values.add(t.text()));
        return node;
    }

    private static ObjectNode phrase(PhraseQuery phrase) {
        Term[] terms = phrase.getTerms();
        if (terms.length == 0) {
            return all();
        }
        if (terms.length == 1) {
            return term(terms[0]);
        }
        if (phrase.getSlop() > 0) {
            return allOf(terms); // a sloppy phrase's words in any order: the block has each of them
        }
        int[] positions = phrase.getPositions();
        int gaps = positions[positions.length - 1] - positions[0] - (positions.length - 1);
        ObjectNode node = OpenSearchClient.object();
        ObjectNode near = node.putObject("span_near");
        ArrayNode clauses = near.putArray("clauses");
        for (Term term : terms) {
            clauses.addObject().putObject("span_term").put(term.field(), term.text());
        }
        near.put("slop", gaps).put("in_order", true);
        return node;
    }

    private static ObjectNode allOf(Term[] terms) {
        ObjectNode node = OpenSearchClient.object();
        ArrayNode filter = node.putObject("bool").putArray("filter");
        for (Term term : terms) {
            filter.add(term(term));
        }
        return node;
    }

    private static ObjectNode multiPhrase(MultiPhraseQuery phrase) {
        ObjectNode node = OpenSearchClient.object();
        ArrayNode filter = node.putObject("bool").putArray("filter");
        for (Term[] alternatives : phrase.getTermArrays()) {
            filter.add(anyOf(List.of(alternatives)));
        }
        return filter.isEmpty() ? all() : node;
    }

    private static ObjectNode pattern(String kind, Term term) {
        ObjectNode node = OpenSearchClient.object();
        node.putObject(kind).putObject(term.field()).put("value", term.text());
        return node;
    }

    private static ObjectNode fuzzy(FuzzyQuery fuzzy) {
        ObjectNode node = OpenSearchClient.object();
        node.putObject("fuzzy")
                .putObject(fuzzy.getField())
                .put("value", fuzzy.getTerm().text())
                .put("fuzziness", fuzzy.getMaxEdits())
                .put("prefix_length", fuzzy.getPrefixLength())
                .put("transpositions", fuzzy.getTranspositions())
                .put("max_expansions", 10_000); // each line is checked with the query's own expansion
        return node;
    }

    private static ObjectNode termRange(TermRangeQuery range) {
        String field = range.getField();
        if (!WORDS.contains(field) && !SearchFields.FILE_FIELDS.contains(field)) {
            return all(); // a range of words on a field of numbers or times: each line says
        }
        ObjectNode node = OpenSearchClient.object();
        ObjectNode bounds = node.putObject("range").putObject(field);
        BytesRef lower = range.getLowerTerm();
        BytesRef upper = range.getUpperTerm();
        if (lower != null) {
            bounds.put(range.includesLower() ? "gte" : "gt", lower.utf8ToString());
        }
        if (upper != null) {
            bounds.put(range.includesUpper() ? "lte" : "lt", upper.utf8ToString());
        }
        return node;
    }

    private static ObjectNode pointRange(PointRangeQuery range) {
        String field = range.getField();
        if (!SearchFields.TIME.equals(field) && !SearchFields.BUILD_TIME.equals(field)) {
            return all();
        }
        long lower = LongPoint.decodeDimension(range.getLowerPoint(), 0);
        long upper = LongPoint.decodeDimension(range.getUpperPoint(), 0);
        ObjectNode node = OpenSearchClient.object();
        ObjectNode bounds = node.putObject("range").putObject(field);
        bounds.put("gte", lower).put("lte", upper);
        if (SearchFields.TIME.equals(field)) {
            bounds.put("relation", "intersects"); // a block's span of times holds one of its lines' time
        }
        return node;
    }

    /** Whether every block is a candidate of this query. */
    static boolean matchesAll(ObjectNode query) {
        return isAll(query);
    }
}
