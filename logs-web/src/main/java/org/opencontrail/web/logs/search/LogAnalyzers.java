package org.opencontrail.web.logs.search;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.opencontrail.web.analysis.LogTokenizer;

/**
 * The analyzers of the index: log text by {@link LogTokenizer}, every other field a whole value
 * compared without case ({@code build_status:failure} finds FAILURE).
 */
public final class LogAnalyzers {

    private LogAnalyzers() {}

    /** What the message field is split with: in the index with the words of camelCase words, in queries without. */
    static Analyzer text(boolean index) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                return new TokenStreamComponents(new LogTokenizer(index));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** Whole values, lower-cased. */
    static Analyzer keyword() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new KeywordTokenizer();
                return new TokenStreamComponents(source, new LowerCaseFilter(source));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** The analyzer of every field, in the index or in queries: {@link SearchFields#MESSAGE} is text, the rest keywords. */
    public static Analyzer perField(boolean index) {
        Map<String, Analyzer> fields = new HashMap<>();
        fields.put(SearchFields.MESSAGE, text(index));
        return new PerFieldAnalyzerWrapper(keyword(), fields);
    }
}
