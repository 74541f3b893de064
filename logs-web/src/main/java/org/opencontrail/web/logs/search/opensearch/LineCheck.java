package org.opencontrail.web.logs.search.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.FileClauses;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.LineDocuments;
import org.opencontrail.web.logs.search.LineScreen;
import org.opencontrail.web.logs.search.LogAnalyzers;
import org.opencontrail.web.logs.search.SearchFields;

/**
 * Checks each line of a candidate block against the query alone, as the embedded index would have
 * matched it: the line's document is the embedded index's ({@link LineDocuments}), analysed the
 * same way, in a one-document index in memory. The query's clauses on build and file fields are
 * answered once per file, against the file's document, as the embedded index answers them on its
 * file documents; a clause of only negations is given every line to subtract from.
 */
final class LineCheck {

    /** The line fields besides the message: a query on them needs each line classified. */
    private static final Set<String> CLASSIFIED =
            Set.of(SearchFields.LOGLEVEL, SearchFields.MODULE, SearchFields.SYSLOG_PROGRAM, SearchFields.TIME);

    private final Query query;
    private final Severity level;
    private final boolean classify;
    private final Analyzer analyzer = LogAnalyzers.perField(true);
    private final MemoryIndex memory = new MemoryIndex();
    /** The query with a file's clauses answered, and what a line must hold for it, by file id. */
    private final Map<Long, Resolved> byFile = new HashMap<>();

    private record Resolved(Query lines, LineScreen screen) {}

    /** A check of {@code query}'s lines at {@code level} and above (NONE: every line). */
    LineCheck(Query query, Severity level) {
        this.query = query;
        this.level = level == null ? Severity.NONE : level;
        Set<String> fields = FileClauses.fieldsOf(query);
        this.classify = this.level != Severity.NONE || fields.stream().anyMatch(CLASSIFIED::contains);
    }

    /** The lines of a block of the file that match, in order. */
    List<LineBlock.Line> matching(LineBlock.Read block, BuildFacts build, FileFacts file) {
        Resolved resolved = byFile.computeIfAbsent(file.id(), id -> {
            Query lines = resolve(query, build, file);
            return new Resolved(lines, LineScreen.of(lines));
        });
        List<LineBlock.Line> matched = new ArrayList<>();
        Query lines = resolved.lines();
        if (lines instanceof MatchNoDocsQuery) {
            return matched;
        }
        boolean every = lines instanceof MatchAllDocsQuery; // the query asked only for this file's fields
        if (!classify) {
            // only the message decides: no line need be classified, and most are passed over unread
            for (LineBlock.Line line : block.lines()) {
                if (resolved.screen().passes(line.message()) && (every || holds(lines, messageOnly(line)))) {
                    matched.add(line);
                }
            }
            return matched;
        }
        for (LineBlock.Classified line : block.classified()) {
            Severity severity = line.facts().severity();
            if (level != Severity.NONE && (severity == Severity.NONE || severity.below(level))) {
                continue;
            }
            if (!resolved.screen().passes(line.line().message())) {
                continue;
            }
            if (every
                    || holds(
                            lines,
                            LineDocuments.line(
                                    file.id(), line.line().number(), line.line().text(), line.facts()))) {
                matched.add(line.line());
            }
        }
        return matched;
    }

    /** A line's document when only its message matters. */
    private static Document messageOnly(LineBlock.Line line) {
        Document doc = new Document();
        doc.add(new Field(SearchFields.MESSAGE, line.message(), LineDocuments.MESSAGE_TYPE));
        return doc;
    }

    private boolean holds(Query lines, Document document) {
        memory.reset();
        add(document);
        return holds(lines);
    }

    private void add(Document document) {
        for (IndexableField field : document) {
            if (field.fieldType().indexOptions() != IndexOptions.NONE
                    || field.fieldType().pointDimensionCount() > 0) {
                memory.addField(field, analyzer); // stored values and doc values play no part in matching
            }
        }
    }

    private boolean holds(Query lines) {
        try {
            return memory.createSearcher().count(lines) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an index in memory reads no file
        }
    }

    /** The query with each clause on build and file fields answered for this file (match all or nothing). */
    private Query resolve(Query clause, BuildFacts build, FileFacts file) {
        try {
            return simplified(FileClauses.resolve(
                    clause,
                    fileClause -> holds(fileClause, LineDocuments.file(build, file))
                            ? new MatchAllDocsQuery()
                            : new MatchNoDocsQuery("not this file")));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an index in memory reads no file
        }
    }

    /** A boolean query whose file clauses settle it: nothing, or everything. */
    private static Query simplified(Query query) {
        if (!(query instanceof BooleanQuery bool)) {
            return query;
        }
        BooleanQuery.Builder inner =
                new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
        for (BooleanClause clause : bool.clauses()) {
            inner.add(simplified(clause.getQuery()), clause.getOccur());
        }
        return settled(inner.build());
    }

    private static Query settled(BooleanQuery bool) {
        boolean anyShould = false;
        boolean someShouldHolds = false;
        boolean everyRequiredHolds = true;
        boolean anyRequired = false;
        for (BooleanClause clause : bool.clauses()) {
            Query inner = clause.getQuery();
            switch (clause.getOccur()) {
                case MUST, FILTER -> {
                    if (inner instanceof MatchNoDocsQuery) {
                        return inner;
                    }
                    anyRequired = true;
                    everyRequiredHolds &= inner instanceof MatchAllDocsQuery;
                }
                case SHOULD -> {
                    anyShould = true;
                    someShouldHolds |= !(inner instanceof MatchNoDocsQuery);
                }
                default -> {
                    if (inner instanceof MatchAllDocsQuery) {
                        return new MatchNoDocsQuery("excluded with this file");
                    }
                    if (!(inner instanceof MatchNoDocsQuery)) {
                        everyRequiredHolds = false; // a negation that lines decide
                    }
                }
            }
        }
        if (anyShould && !anyRequired && bool.getMinimumNumberShouldMatch() <= 1 && !someShouldHolds) {
            return new MatchNoDocsQuery("no alternative holds in this file");
        }
        boolean shouldsSettled = bool.clauses().stream()
                .filter(c -> c.getOccur() == BooleanClause.Occur.SHOULD)
                .allMatch(c -> c.getQuery() instanceof MatchAllDocsQuery);
        if (anyRequired && everyRequiredHolds && (!anyShould || shouldsSettled)) {
            return new MatchAllDocsQuery();
        }
        return bool;
    }
}
