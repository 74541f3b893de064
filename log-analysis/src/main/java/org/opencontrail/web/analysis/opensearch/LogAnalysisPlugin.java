package org.opencontrail.web.analysis.opensearch;

import java.util.Map;
import org.apache.lucene.analysis.Tokenizer;
import org.opencontrail.web.analysis.LogTokenizer;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractTokenizerFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.indices.analysis.AnalysisModule;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

/**
 * An OpenSearch analysis plugin that gives a cluster logs-web's own tokenizer, {@code
 * opencontrail_log}: an index of build logs on OpenSearch then splits text exactly as the embedded
 * index does, with one scan by hand in place of a regular expression tokenizer and a pattern filter
 * for camelCase words. Its setting {@code camel_case} (true in the index, false in queries) says
 * whether camelCase words also give their words.
 */
public final class LogAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** The tokenizer's type, as an index's analysis settings name it. */
    public static final String TOKENIZER = "opencontrail_log";

    @Override
    public Map<String, AnalysisModule.AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of(TOKENIZER, LogTokenizerFactory::new);
    }

    /** Makes the tokenizer of one index's analysis settings. */
    private static final class LogTokenizerFactory extends AbstractTokenizerFactory {

        private final boolean camelCase;

        LogTokenizerFactory(IndexSettings index, Environment environment, String name, Settings settings) {
            super(index, settings, name);
            this.camelCase = settings.getAsBoolean("camel_case", true);
        }

        @Override
        public Tokenizer create() {
            return new LogTokenizer(camelCase);
        }
    }
}
