package org.opencontrail.web.logs.search;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * A query over lines whose clauses on build and file fields are answered apart, as both engines
 * answer them: the embedded index turns each into the set of files it selects, the OpenSearch
 * layout into all or nothing for the file a block is of. A clause of only negations is given every
 * line to subtract from, as logstash did.
 */
public final class FileClauses {

    /** What a clause on build and file fields becomes. */
    @FunctionalInterface
    public interface Answer {
        Query of(Query clause) throws IOException;
    }

    private FileClauses() {}

    /** The query with each clause that asks only build and file fields replaced by its answer. */
    public static Query resolve(Query query, Answer answer) throws IOException {
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder builder =
                    new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            boolean positive = false;
            for (BooleanClause clause : bool.clauses()) {
                builder.add(resolve(clause.getQuery(), answer), clause.getOccur());
                positive |= clause.getOccur() != BooleanClause.Occur.MUST_NOT;
            }
            if (!positive) {
                builder.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
            }
            return builder.build();
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(resolve(boost.getQuery(), answer), boost.getBoost());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return new ConstantScoreQuery(resolve(constant.getQuery(), answer));
        }
        Set<String> fields = fieldsOf(query);
        if (!fields.isEmpty() && fields.stream().allMatch(SearchFields::isFileField)) {
            return answer.of(query);
        }
        return query;
    }

    /** Every field a query asks, negated clauses' included (Lucene's visitor leaves those out). */
    public static Set<String> fieldsOf(Query query) {
        Set<String> fields = new HashSet<>();
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                fields.add(field);
                return true;
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        return fields;
    }
}
