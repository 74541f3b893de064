package org.opencontrail.web.shared.collect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Maps that hold at most so many entries and forget the one used (or put) longest ago: what a
 * site remembers of a stream (the last events seen, the changes lately shown), where which entry
 * goes must be the oldest. A cache, where a miss is merely slower, is Caffeine's instead: its
 * admission policy may keep an old entry over a new one, which is right for a cache and wrong for
 * a memory of the latest. Not thread-safe: callers hold their own lock.
 */
public final class Bounded {

    private Bounded() {}

    /** Forgets the entry read or written longest ago. */
    public static <K, V> Map<K, V> leastRecentlyUsed(int capacity) {
        return new Capped<>(capacity, true, (key, value) -> {});
    }

    /** The same, telling {@code forgotten} of each entry it lets go (to drop what indexes it elsewhere). */
    public static <K, V> Map<K, V> leastRecentlyUsed(int capacity, BiConsumer<K, V> forgotten) {
        return new Capped<>(capacity, true, forgotten);
    }

    /** Forgets the entry put first, however often it is read. */
    public static <K, V> Map<K, V> firstIn(int capacity) {
        return new Capped<>(capacity, false, (key, value) -> {});
    }

    private static final class Capped<K, V> extends LinkedHashMap<K, V> {

        private final int capacity;
        private final transient BiConsumer<K, V> forgotten;

        Capped(int capacity, boolean accessOrder, BiConsumer<K, V> forgotten) {
            super(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, accessOrder);
            if (capacity < 1) {
                throw new IllegalArgumentException("a bounded map holds at least one entry");
            }
            this.capacity = capacity;
            this.forgotten = forgotten;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            if (size() > capacity) {
                forgotten.accept(eldest.getKey(), eldest.getValue());
                return true;
            }
            return false;
        }
    }
}
