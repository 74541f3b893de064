package org.opencontrail.web.logs.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.Catalog;
import org.opencontrail.web.logs.search.SearchFields;

/**
 * One pass over the matching lines: how many, how many in each file (the rest is counted per file
 * afterwards), and the best {@code keep} by build time, newest first, then index order (line order
 * within a file). Checks the clock every few thousand lines.
 */
final class MatchCollector extends SimpleCollector {

    /** The query ran out of time; what was collected stands. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super("the query ran out of time", null, false, false);
        }
    }

    private final Catalog catalog;
    private final int keep;
    private final QueryTimeout timeout;
    private final Map<Long, long[]> linesByFile = new HashMap<>();
    /** Worst first: oldest build, then latest in index order. */
    private final PriorityQueue<long[]> best =
            new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));

    private NumericDocValues files;
    private int docBase;
    private long total;
    private long lastFile = Long.MIN_VALUE;
    private long[] lastCount;
    private long lastTime;

    MatchCollector(Catalog catalog, int keep, QueryTimeout timeout) {
        this.catalog = catalog;
        this.keep = keep;
        this.timeout = timeout;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        files = context.reader().getNumericDocValues(SearchFields.FILE);
        docBase = context.docBase;
    }

    @Override
    public void collect(int doc) throws IOException {
        if ((++total & 4095) == 0 && timeout.shouldExit()) {
            throw new OutOfTime();
        }
        long file = files != null && files.advanceExact(doc) ? files.longValue() : Long.MIN_VALUE;
        if (file != lastFile) {
            lastFile = file;
            lastCount = linesByFile.computeIfAbsent(file, f -> new long[1]);
            lastTime = catalog.buildOf(file).map(BuildFacts::time).orElse(Long.MIN_VALUE);
        }
        lastCount[0]++;
        if (keep > 0) {
            long global = (long) docBase + doc;
            if (best.size() < keep) {
                best.add(new long[] {lastTime, global});
            } else {
                long[] worst = best.peek();
                if (lastTime > worst[0] || (lastTime == worst[0] && global < worst[1])) {
                    best.poll();
                    best.add(new long[] {lastTime, global});
                }
            }
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    long total() {
        return total;
    }

    Map<Long, long[]> linesByFile() {
        return linesByFile;
    }

    /** The kept documents in order, after skipping {@code offset}. */
    List<Integer> top(int offset) {
        List<long[]> ordered = new ArrayList<>(best);
        ordered.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        List<Integer> docs = new ArrayList<>();
        for (int i = offset; i < ordered.size(); i++) {
            docs.add((int) ordered.get(i)[1]);
        }
        return docs;
    }
}
