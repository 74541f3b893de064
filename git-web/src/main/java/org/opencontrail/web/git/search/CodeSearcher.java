package org.opencontrail.web.git.search;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.RawParseUtils;
import org.opencontrail.web.git.location.GitLocation;

/**
 * Answers a query from the code search index: the index gives the files that hold the trigrams
 * the query needs (candidates), and each candidate, by project then path, is checked against the
 * query and its text, line by line. Bounded in time and in files and lines: past a bound it
 * answers with what it found and says so.
 */
@Singleton
public final class CodeSearcher {

    private final CodeIndex index;
    /** Texts by blob: read from the index once, searched from memory after (Lucene's stored fields are compressed). */
    private final TextCache texts;
    /** Threads that check candidates beside the one asking, and how many of them one query takes. */
    private final ExecutorService helpers;

    private final int helping;

    CodeSearcher(
            CodeIndex index, TextCache texts, SearchSettings settings, @Named("code-search") ExecutorService helpers) {
        this.index = index;
        this.texts = texts;
        this.helpers = helpers;
        int threads = settings.threads() > 0
                ? settings.threads()
                : Runtime.getRuntime().availableProcessors();
        this.helping = Math.max(0, threads - 1);
    }

    /** Candidates are checked in batches, small first, so that a query answered early checks few past its answer. */
    private static final int FIRST_BATCH = 8;

    private static final int LARGEST_BATCH = 256;

    /**
     * What a search asks besides its query.
     *
     * @param projects  the projects it may look in (the public ones)
     * @param onlyRefs  per project, the one ref it looks at (Hound's API looks at HEAD); empty: every ref indexed
     * @param context   lines shown before and after each matched line
     * @param firstFile the first matched file listed with its lines (from 0): the page's first
     * @param fileCount how many matched files are listed with their lines from there; the others are counted
     * @param maxFiles  most files matched before it stops
     * @param maxLines  most lines matched before it stops
     * @param linesPerFile most matched lines listed for each file listed; its count still counts every one
     * @param deadline  when it stops looking ({@link System#nanoTime()})
     */
    public record Ask(
            Set<String> projects,
            Optional<Map<String, String>> onlyRefs,
            int context,
            int firstFile,
            int fileCount,
            int maxFiles,
            int maxLines,
            int linesPerFile,
            long deadline) {}

    /** A candidate file, its text read only if the query needs it. */
    private final class Candidate {
        final IndexSearcher searcher;
        final int doc;
        final ObjectId blob;
        final String project;
        final byte[] rawPath;
        /** Decoded when first asked: most candidates are never shown nor matched by their path. */
        private String path;

        final String language;
        final List<String> refs;
        private String text;
        /** Per term, the lines it matched: counted up to the lines still wanted when it marks lines, else 0 or 1. */
        private final IdentityHashMap<CodeQuery.Content, Integer> matched = new IdentityHashMap<>();
        /** The terms that mark lines (their count is the file's), and the lines still wanted. */
        private List<CodeQuery.Content> marking = List.of();

        private int budget;

        Candidate(
                IndexSearcher searcher,
                int doc,
                ObjectId blob,
                String project,
                byte[] rawPath,
                String language,
                List<String> refs) {
            this.searcher = searcher;
            this.doc = doc;
            this.blob = blob;
            this.project = project;
            this.rawPath = rawPath;
            this.language = language;
            this.refs = refs;
        }

        String path() {
            if (path == null) {
                path = RawParseUtils.decode(rawPath);
            }
            return path;
        }

        String text() throws IOException {
            if (text == null) {
                text = texts.get(blob).orElse(null);
            }
            if (text == null) {
                text = CodeIndex.text(searcher, doc);
                texts.put(blob, text);
            }
            return text;
        }
    }

    public CodeResults search(CodeQuery query, Ask ask) throws IOException {
        long started = System.nanoTime();
        IndexSearcher searcher = index.acquire();
        try {
            CandidateOrder candidates = candidates(searcher, query, ask);
            // most files are on the same few sets of refs: each set is decoded once
            Map<BytesRef, List<String>> refsOnFiles = new HashMap<>();
            List<CodeQuery.Content> marked = new ArrayList<>();
            List<CodeQuery.Branch> branches = new ArrayList<>();
            positives(query, false, marked, branches);
            List<CodeResults.FileMatch> listed = new ArrayList<>();
            Map<String, Integer> byProject = new TreeMap<>();
            Map<String, Integer> byRef = new TreeMap<>();
            Map<String, Integer> byLanguage = new TreeMap<>();
            int files = 0;
            int lines = 0;
            String stopped = "";
            List<Candidate> batch = List.of();
            byte[] verdicts = new byte[0];
            int batchSize = FIRST_BATCH;
            int taken = 0;
            while (true) {
                if (taken == batch.size()) {
                    List<Candidate> batched = new ArrayList<>(batchSize);
                    while (batched.size() < batchSize) {
                        Candidate next = next(searcher, candidates, ask, refsOnFiles);
                        if (next == null) {
                            break;
                        }
                        next.marking = marked;
                        next.budget = ask.maxLines() - lines; // at least what is left when it is taken
                        batched.add(next);
                    }
                    if (batched.isEmpty()) {
                        break;
                    }
                    batch = batched;
                    verdicts = check(query, batched, ask.deadline());
                    batchSize = Math.min(LARGEST_BATCH, batchSize * 2);
                    taken = 0;
                }
                Candidate candidate = batch.get(taken);
                byte verdict = verdicts[taken];
                taken++;
                if (System.nanoTime() > ask.deadline()) {
                    stopped = "It ran out of time";
                    break;
                }
                if (files >= ask.maxFiles()) {
                    stopped = "It found " + ask.maxFiles() + " files";
                    break;
                }
                if (lines >= ask.maxLines()) {
                    stopped = "It found " + ask.maxLines() + " lines";
                    break;
                }
                int most = ask.maxLines() - lines;
                if (verdict == UNCHECKED) {
                    candidate.budget = most;
                    verdict = matches(query, candidate) ? MATCHES : DOES_NOT;
                }
                if (verdict == DOES_NOT) {
                    continue;
                }
                boolean shown = files >= ask.firstFile() && files < ask.firstFile() + ask.fileCount();
                List<CodeResults.LineMatch> found = List.of();
                int count = 0;
                if (!marked.isEmpty()) {
                    int perFile = Math.min(most, ask.linesPerFile());
                    if (shown) {
                        found = lines(candidate.text(), marked, ask.context(), perFile);
                    }
                    if (shown && found.size() < perFile) {
                        count = found.size();
                    } else if (marked.size() == 1 && candidate.matched.containsKey(marked.get(0))) {
                        count = Math.min(most, candidate.matched.get(marked.get(0)));
                    } else {
                        count = count(candidate.text(), marked, most);
                    }
                    if (count == 0) {
                        continue; // matched by what it lacks alone: listed only when no term marks lines
                    }
                }
                files++;
                lines += count;
                List<String> refs = shownRefs(candidate.refs, branches);
                if (shown) {
                    String revision = RefGlobs.revision(refs.get(0));
                    listed.add(new CodeResults.FileMatch(
                            candidate.project,
                            candidate.path(),
                            GitLocation.path(candidate.project, revision, candidate.rawPath)
                                    .toUrl(),
                            GitLocation.blame(candidate.project, revision, candidate.rawPath)
                                    .toUrl(),
                            refs.stream().map(RefGlobs::shortName).toList(),
                            revision,
                            candidate.language,
                            count,
                            found));
                }
                byProject.merge(candidate.project, 1, Integer::sum);
                refs.forEach(r -> byRef.merge(RefGlobs.shortName(r), 1, Integer::sum));
                if (!candidate.language.isEmpty()) {
                    byLanguage.merge(candidate.language, 1, Integer::sum);
                }
            }
            return new CodeResults(
                    listed,
                    ask.firstFile(),
                    files,
                    lines,
                    stopped,
                    candidates.size(),
                    facets(byProject),
                    facets(byRef),
                    facets(byLanguage),
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            index.release(searcher);
        }
    }

    private static final byte UNCHECKED = 0;
    private static final byte MATCHES = 1;
    private static final byte DOES_NOT = 2;

    /**
     * Checks a batch of candidates against the query: the asking thread and its helpers take the
     * next one unchecked until none is left, each candidate being its own (its text, its counts).
     * Whether each matches, in order ({@link #UNCHECKED} past the deadline).
     */
    private byte[] check(CodeQuery query, List<Candidate> files, long deadline) throws IOException {
        byte[] verdicts = new byte[files.size()];
        AtomicInteger next = new AtomicInteger();
        Callable<Void> work = () -> {
            for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                if (System.nanoTime() > deadline) {
                    return null;
                }
                verdicts[i] = matches(query, files.get(i)) ? MATCHES : DOES_NOT;
            }
            return null;
        };
        List<Future<Void>> helped = new ArrayList<>();
        for (int h = 0; h < Math.min(helping, files.size() - 1); h++) {
            helped.add(helpers.submit(work));
        }
        try {
            work.call();
            for (Future<Void> helper : helped) {
                helper.get(); // and what it wrote is seen here
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking candidates", e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            helped.forEach(helper -> helper.cancel(false));
        }
        return verdicts;
    }

    /** How many lines the terms match in a text, {@code most} at most. */
    private static int count(String text, List<CodeQuery.Content> terms, int most) {
        if (terms.size() == 1) {
            return terms.get(0).lines().count(text, most);
        }
        Set<Integer> numbers = new java.util.HashSet<>();
        for (CodeQuery.Content term : terms) {
            term.lines().find(text, most).forEach(l -> numbers.add(l.number()));
        }
        return Math.min(most, numbers.size());
    }

    private static List<CodeResults.Facet> facets(Map<String, Integer> counts) {
        Comparator<Map.Entry<String, Integer>> most = Map.Entry.comparingByValue();
        return counts.entrySet().stream()
                .sorted(most.reversed().thenComparing(Map.Entry::getKey))
                .map(e -> new CodeResults.Facet(e.getKey(), e.getValue()))
                .toList();
    }

    /** The refs a matched file is listed on: those the query's branches name, if it names any. */
    private static List<String> shownRefs(List<String> refs, List<CodeQuery.Branch> branches) {
        if (branches.isEmpty()) {
            return refs;
        }
        List<String> shown = refs.stream()
                .filter(r -> branches.stream()
                        .anyMatch(b -> b.part().matcher(RefGlobs.shortName(r)).find()))
                .toList();
        return shown.isEmpty() ? refs : shown;
    }

    /** The terms that are not excluded: they mark lines; the branches named: they choose refs. */
    private static void positives(
            CodeQuery query, boolean negated, List<CodeQuery.Content> marked, List<CodeQuery.Branch> branches) {
        if (query instanceof CodeQuery.And and) {
            and.parts().forEach(p -> positives(p, negated, marked, branches));
        } else if (query instanceof CodeQuery.Or or) {
            or.parts().forEach(p -> positives(p, negated, marked, branches));
        } else if (query instanceof CodeQuery.Not not) {
            positives(not.part(), !negated, marked, branches);
        } else if (query instanceof CodeQuery.Content content && !negated) {
            marked.add(content);
        } else if (query instanceof CodeQuery.Branch branch && !negated) {
            branches.add(branch);
        }
    }

    /**
     * A file left out of the search.
     *
     * @param project its project
     * @param path    its path
     * @param url     its page, on the first ref it is on
     * @param refs    the refs it is on
     * @param reason  why ({@link LeftOut}'s words)
     * @param size    its size in bytes
     */
    @io.micronaut.serde.annotation.Serdeable
    public record LeftOutFile(String project, String path, String url, List<String> refs, String reason, long size) {}

    /** The files of these projects left out of the search, by project then path; at most {@code most}. */
    public List<LeftOutFile> leftOut(Set<String> projects, int most) throws IOException {
        IndexSearcher searcher = index.acquire();
        try {
            Query left = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(CodeIndex.KIND, CodeIndex.KIND_LEFT_OUT)), Occur.FILTER)
                    .add(
                            new TermInSetQuery(
                                    CodeIndex.PROJECT,
                                    projects.stream().map(BytesRef::new).toList()),
                            Occur.FILTER)
                    .build();
            List<LeftOutFile> files = new ArrayList<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                var scorer = searcher.createWeight(searcher.rewrite(left), ScoreMode.COMPLETE_NO_SCORES, 1)
                        .scorer(leaf);
                if (scorer == null) {
                    continue;
                }
                SortedDocValues project = leaf.reader().getSortedDocValues(CodeIndex.PROJECT);
                SortedDocValues path = leaf.reader().getSortedDocValues(CodeIndex.PATH);
                SortedDocValues reason = leaf.reader().getSortedDocValues(CodeIndex.REASON);
                BinaryDocValues refs = leaf.reader().getBinaryDocValues(CodeIndex.REFS);
                var sizes = leaf.reader().getNumericDocValues(CodeIndex.SIZE);
                var docs = scorer.iterator();
                for (int doc = docs.nextDoc();
                        doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                        doc = docs.nextDoc()) {
                    if (project.advanceExact(doc)
                            && path.advanceExact(doc)
                            && reason.advanceExact(doc)
                            && refs.advanceExact(doc)
                            && sizes.advanceExact(doc)) {
                        String name = project.lookupOrd(project.ordValue()).utf8ToString();
                        byte[] rawPath = BytesRef.deepCopyOf(path.lookupOrd(path.ordValue())).bytes;
                        List<String> on = List.copyOf(CodeIndex.decodeRefs(refs.binaryValue()));
                        files.add(new LeftOutFile(
                                name,
                                RawParseUtils.decode(rawPath),
                                GitLocation.path(name, RefGlobs.revision(on.get(0)), rawPath)
                                        .toUrl(),
                                on.stream().map(RefGlobs::shortName).toList(),
                                reason.lookupOrd(reason.ordValue()).utf8ToString(),
                                sizes.longValue()));
                    }
                }
            }
            files.sort(Comparator.comparing(LeftOutFile::project).thenComparing(LeftOutFile::path));
            return files.size() > most ? files.subList(0, most) : files;
        } finally {
            index.release(searcher);
        }
    }

    // ---- candidates

    private CandidateOrder candidates(IndexSearcher searcher, CodeQuery query, Ask ask) throws IOException {
        Query narrowed = new BooleanQuery.Builder()
                .add(lucene(query, ask.projects()), Occur.FILTER)
                .add(new TermQuery(new Term(CodeIndex.KIND, CodeIndex.KIND_TEXT)), Occur.FILTER)
                .add(
                        new TermInSetQuery(
                                CodeIndex.PROJECT,
                                ask.projects().stream().map(BytesRef::new).toList()),
                        Occur.FILTER)
                .build();
        CandidateOrder order = new CandidateOrder();
        searcher.search(narrowed, order);
        return order;
    }

    /** The next candidate on the refs asked, or null when none is left. */
    private Candidate next(
            IndexSearcher searcher, CandidateOrder order, Ask ask, Map<BytesRef, List<String>> refsOnFiles) {
        for (CandidateOrder.Found found = order.next(); found != null; found = order.next()) {
            List<String> on = refsOnFiles.get(found.refs());
            if (on == null) {
                on = List.copyOf(CodeIndex.decodeRefs(found.refs()));
                refsOnFiles.put(BytesRef.deepCopyOf(found.refs()), on);
            }
            if (ask.onlyRefs().isPresent()) {
                String only = ask.onlyRefs().get().get(found.project());
                on = on.stream().filter(r -> r.equals(only)).toList();
            }
            if (!on.isEmpty()) {
                return new Candidate(
                        searcher, found.doc(), found.blob(), found.project(), found.path().bytes, found.language(), on);
            }
        }
        return null;
    }

    /** The index's part of a query: what narrows the candidates, never what would drop a match. */
    private static Query lucene(CodeQuery query, Set<String> projects) {
        if (query instanceof CodeQuery.And and) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            and.parts().forEach(p -> all.add(lucene(p, projects), Occur.FILTER));
            return all.build();
        }
        if (query instanceof CodeQuery.Or or) {
            List<Query> parts =
                    or.parts().stream().map(p -> lucene(p, projects)).toList();
            if (parts.stream().anyMatch(p -> p instanceof MatchAllDocsQuery)) {
                return new MatchAllDocsQuery();
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
            parts.forEach(p -> any.add(p, Occur.SHOULD));
            return any.build();
        }
        if (query instanceof CodeQuery.Not not) {
            // exact atoms exclude exactly; a term's trigrams say nothing of its absence
            boolean exact = not.part() instanceof CodeQuery.Repo || not.part() instanceof CodeQuery.Lang;
            return exact ? excluding(lucene(not.part(), projects)) : new MatchAllDocsQuery();
        }
        if (query instanceof CodeQuery.Content content) {
            return trigrams(content.regex() ? RegexTrigrams.of(content.text()) : TrigramPlan.literal(content.text()));
        }
        if (query instanceof CodeQuery.Repo repo) {
            List<BytesRef> named = projects.stream()
                    .filter(p -> repo.name().matcher(p).find())
                    .map(BytesRef::new)
                    .toList();
            return named.isEmpty() ? new MatchNoDocsQuery() : new TermInSetQuery(CodeIndex.PROJECT, named);
        }
        if (query instanceof CodeQuery.Lang lang) {
            return new TermQuery(new Term(CodeIndex.LANG, lang.language()));
        }
        return new MatchAllDocsQuery(); // a path or a branch: checked per file
    }

    private static Query excluding(Query query) {
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.FILTER)
                .add(query, Occur.MUST_NOT)
                .build();
    }

    private static Query trigrams(TrigramPlan plan) {
        if (plan instanceof TrigramPlan.Need need) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            need.trigrams().forEach(t -> all.add(new TermQuery(new Term(CodeIndex.TRIGRAMS, t)), Occur.FILTER));
            return all.build();
        }
        if (plan instanceof TrigramPlan.Both both) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            both.parts().forEach(p -> all.add(trigrams(p), Occur.FILTER));
            return all.build();
        }
        if (plan instanceof TrigramPlan.Either either) {
            BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
            either.parts().forEach(p -> any.add(trigrams(p), Occur.SHOULD));
            return any.build();
        }
        return new MatchAllDocsQuery();
    }

    // ---- checking a candidate

    private static boolean matches(CodeQuery query, Candidate file) throws IOException {
        if (query instanceof CodeQuery.And and) {
            for (CodeQuery part : cheapFirst(and.parts())) {
                if (!matches(part, file)) {
                    return false;
                }
            }
            return true;
        }
        if (query instanceof CodeQuery.Or or) {
            for (CodeQuery part : cheapFirst(or.parts())) {
                if (matches(part, file)) {
                    return true;
                }
            }
            return false;
        }
        if (query instanceof CodeQuery.Not not) {
            return !matches(not.part(), file);
        }
        if (query instanceof CodeQuery.Content content) {
            Integer known = file.matched.get(content);
            if (known == null) {
                // a term that marks lines is counted once here, and the count kept: one pass of the engine
                boolean marks = file.marking.contains(content);
                known = content.lines().count(file.text(), marks ? file.budget : 1);
                file.matched.put(content, known);
            }
            return known > 0;
        }
        if (query instanceof CodeQuery.Repo repo) {
            return repo.name().matcher(file.project).find();
        }
        if (query instanceof CodeQuery.FilePath path) {
            return path.path().matcher(file.path()).find();
        }
        if (query instanceof CodeQuery.Branch branch) {
            return file.refs.stream()
                    .anyMatch(r -> branch.part().matcher(RefGlobs.shortName(r)).find());
        }
        return query instanceof CodeQuery.Lang lang && lang.language().equals(file.language);
    }

    /** Parts that look at the text last: a file whose place rules it out is never read. */
    private static List<CodeQuery> cheapFirst(List<CodeQuery> parts) {
        Predicate<CodeQuery> readsText = CodeSearcher::readsText;
        List<CodeQuery> ordered =
                new ArrayList<>(parts.stream().filter(readsText.negate()).toList());
        ordered.addAll(parts.stream().filter(readsText).toList());
        return ordered;
    }

    private static boolean readsText(CodeQuery query) {
        if (query instanceof CodeQuery.And and) {
            return and.parts().stream().anyMatch(CodeSearcher::readsText);
        }
        if (query instanceof CodeQuery.Or or) {
            return or.parts().stream().anyMatch(CodeSearcher::readsText);
        }
        if (query instanceof CodeQuery.Not not) {
            return readsText(not.part());
        }
        return query instanceof CodeQuery.Content;
    }

    /** The lines the terms match in a text, each with the lines around it. */
    private static List<CodeResults.LineMatch> lines(
            String text, List<CodeQuery.Content> terms, int context, int most) {
        Map<Integer, MatchedLines.Line> byNumber = new TreeMap<>();
        Map<Integer, List<int[]>> ranges = new HashMap<>();
        for (CodeQuery.Content term : terms) {
            for (MatchedLines.Line line : term.lines().find(text, most)) {
                byNumber.putIfAbsent(line.number(), line);
                ranges.computeIfAbsent(line.number(), n -> new ArrayList<>()).addAll(line.ranges());
            }
        }
        if (byNumber.isEmpty()) {
            return List.of();
        }
        List<Integer> starts = lineStarts(text);
        List<CodeResults.LineMatch> lines = new ArrayList<>();
        for (MatchedLines.Line line : byNumber.values()) {
            if (lines.size() >= most) {
                break;
            }
            lines.add(new CodeResults.LineMatch(
                    line.number(),
                    strip(text.substring(line.start(), line.end())),
                    merged(ranges.get(line.number()), line.end() - line.start()),
                    around(text, starts, line.number() - context, line.number() - 1),
                    around(text, starts, line.number() + 1, line.number() + context)));
        }
        return lines;
    }

    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = text.indexOf('\n'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts;
    }

    /** Lines {@code from} to {@code to} (numbered from 1), those that exist. */
    private static List<String> around(String text, List<Integer> starts, int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int n = Math.max(1, from); n <= to && n <= starts.size(); n++) {
            int start = starts.get(n - 1);
            int end = text.indexOf('\n', start);
            lines.add(strip(text.substring(start, end < 0 ? text.length() : end)));
        }
        return lines;
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Ranges in order, overlaps joined, empty ones dropped, none past the line (its '\r' is not shown). */
    private static List<CodeResults.Range> merged(List<int[]> ranges, int length) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt((int[] r) -> r[0]));
        List<CodeResults.Range> merged = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int[] r : sorted) {
            if (r[1] <= r[0]) {
                continue;
            }
            if (start >= 0 && r[0] <= end) {
                end = Math.max(end, r[1]);
            } else {
                if (start >= 0) {
                    merged.add(new CodeResults.Range(start, Math.min(end, length)));
                }
                start = r[0];
                end = r[1];
            }
        }
        if (start >= 0) {
            merged.add(new CodeResults.Range(start, Math.min(end, length)));
        }
        return merged;
    }
}
