package org.opencontrail.web.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits log text the way people search it: every run of letters and digits is a token (so dotted
 * names, paths, snake_case, uuids and IP addresses fall into their parts, and a phrase of the parts
 * finds the whole), lower-cased. In the index a camelCase word is kept whole and its words are put
 * at the same position ({@code InterruptedIOException} is found by itself, by {@code interrupted}
 * and by {@code exception}, and a phrase through it does not shift); queries keep words whole.
 * Numbers and hex ids stay whole. A scan by hand: it runs on every line, in logs-web's embedded index
 * and, through {@code LogAnalysisPlugin}, in an OpenSearch cluster's.
 */
public final class LogTokenizer extends Tokenizer {

    /** Longer runs (base64, minified text) are cut into pieces of this length. */
    static final int MAX_TOKEN = 255;
    /** Longest word split into its camelCase words, and most words: beyond, it is not a name but data. */
    static final int MAX_SPLIT = 48;

    static final int MAX_PARTS = 6;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final boolean splitCamelCase;

    private final char[] buffer = new char[4096];
    private int length;
    private int position;
    private int bufferStart;
    private boolean exhausted;

    /** The run being emitted: its text as written, where it starts, its word breaks. */
    private final char[] run = new char[MAX_TOKEN];

    private int runLength;
    private int runStart;
    private final int[] breaks = new int[MAX_TOKEN + 1];
    private int breakCount;
    /** -1: the whole run is next; otherwise the index of the next part. */
    private int nextPart;

    private int finalOffset;

    /** @param splitCamelCase whether camelCase words also give their words (in the index, not in queries) */
    public LogTokenizer(boolean splitCamelCase) {
        this.splitCamelCase = splitCamelCase;
    }

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        if (nextPart >= 0 && nextPart < breakCount - 1) {
            emit(breaks[nextPart], breaks[nextPart + 1], 0);
            nextPart++;
            return true;
        }
        if (!readRun()) {
            finalOffset = correctOffset(bufferStart + length);
            return false;
        }
        emit(0, runLength, 1);
        nextPart = -1;
        if (splitCamelCase) {
            findWords();
            nextPart = breakCount > 2 ? 0 : -1;
        }
        return true;
    }

    /** A character as its tokens write it: every token is the text it was cut from, so lowered. */
    public static char lower(char c) {
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
    }

    private void emit(int from, int to, int positionIncrement) {
        char[] out = term.resizeBuffer(to - from);
        for (int i = from; i < to; i++) {
            char c = run[i];
            out[i - from] = lower(c);
        }
        term.setLength(to - from);
        offset.setOffset(correctOffset(runStart + from), correctOffset(runStart + to));
        increment.setPositionIncrement(positionIncrement);
    }

    /** The next run of letters and digits into {@link #run}; false at the end. */
    private boolean readRun() throws IOException {
        runLength = 0;
        while (true) {
            if (position >= length) {
                if (!fill()) {
                    return runLength > 0;
                }
            }
            char c = buffer[position];
            if (isWordChar(c)) {
                if (runLength == 0) {
                    runStart = bufferStart + position;
                }
                run[runLength++] = c;
                position++;
                if (runLength == MAX_TOKEN) {
                    return true;
                }
            } else {
                position++;
                if (runLength > 0) {
                    return true;
                }
            }
        }
    }

    private boolean fill() throws IOException {
        if (exhausted) {
            return false;
        }
        bufferStart += length;
        position = 0;
        int n = input.read(buffer, 0, buffer.length);
        if (n <= 0) {
            length = 0;
            exhausted = true;
            return false;
        }
        length = n;
        return true;
    }

    private static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(c) || Character.isSurrogate(c);
    }

    /** Word breaks of the run: before an upper-case letter after a lower-case one, and before the last capital of a run of capitals followed by a lower-case letter. */
    private void findWords() {
        breakCount = 0;
        breaks[breakCount++] = 0;
        for (int i = 1; i < runLength; i++) {
            char c = run[i];
            if (!Character.isUpperCase(c)) {
                continue;
            }
            char before = run[i - 1];
            boolean lowerBefore = Character.isLowerCase(before);
            boolean acronymEnd =
                    Character.isUpperCase(before) && i + 1 < runLength && Character.isLowerCase(run[i + 1]);
            if (lowerBefore || acronymEnd) {
                breaks[breakCount++] = i;
            }
        }
        breaks[breakCount++] = runLength;
        if (runLength > MAX_SPLIT || breakCount - 1 > MAX_PARTS) {
            breakCount = 2; // base64, tokens, random names: findable whole, their "words" are noise
        }
    }

    @Override
    public void end() throws IOException {
        super.end();
        offset.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        length = 0;
        position = 0;
        bufferStart = 0;
        exhausted = false;
        runLength = 0;
        nextPart = -1;
        breakCount = 0;
        finalOffset = 0;
    }
}
