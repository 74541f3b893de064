package org.opencontrail.web.git.search;

import java.util.Arrays;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A text's trigrams, each once, folded ({@link TrigramPlan#fold}): what the index holds of a file.
 * A file of a million characters has a few tens of thousands of distinct trigrams; handing the
 * index each of the million would cost it a hash lookup apiece, so they are made distinct here,
 * in a set of primitive keys (no library at hand keeps one, outside Lucene's internals).
 */
final class DistinctTrigrams extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private long[] keys = new long[0];
    private int size;
    private int emitted;
    private boolean any;

    /** Reads the trigrams of this text; the stream then gives them. */
    DistinctTrigrams of(String text) {
        // code has a distinct trigram every few characters: start at a quarter of its length, grow if need be
        int capacity = Integer.highestOneBit(Math.max(64, Math.min(text.length(), 1 << 22) / 2));
        if (keys.length != capacity) {
            keys = new long[capacity];
        } else {
            Arrays.fill(keys, 0L);
        }
        size = 0;
        any = false;
        if (text.length() >= 3) {
            long a = TrigramPlan.fold(text.charAt(0));
            long b = TrigramPlan.fold(text.charAt(1));
            for (int i = 2; i < text.length(); i++) {
                long c = TrigramPlan.fold(text.charAt(i));
                add((a << 32 | b << 16 | c) + 1); // + 1: 0 marks an empty slot
                a = b;
                b = c;
            }
        }
        return this;
    }

    private void add(long key) {
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != 0L) {
            if (keys[slot] == key) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    private void grow() {
        long[] old = keys;
        keys = new long[old.length * 2];
        size = 0;
        for (long key : old) {
            if (key != 0L) {
                add(key);
            }
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    @Override
    public void reset() throws java.io.IOException {
        super.reset();
        emitted = 0;
        any = true;
    }

    @Override
    public boolean incrementToken() {
        if (!any) {
            return false;
        }
        while (emitted < keys.length) {
            long key = keys[emitted++] - 1;
            if (key != -1L) {
                clearAttributes();
                term.setEmpty()
                        .append((char) (key >>> 32))
                        .append((char) (key >>> 16 & 0xFFFF))
                        .append((char) (key & 0xFFFF));
                return true;
            }
        }
        return false;
    }
}
