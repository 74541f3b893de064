package org.opencontrail.web.shared.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedTest {

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        Map<Integer, String> map = Bounded.leastRecentlyUsed(3);
        map.put(1, "a");
        map.put(2, "b");
        map.put(3, "c");
        map.get(1);
        map.put(4, "d");
        assertThat(map).containsOnlyKeys(1, 3, 4);
    }

    @Test
    void theFirstPutGoesFirstHoweverOftenItIsRead() {
        Map<Integer, String> map = Bounded.firstIn(3);
        for (int i = 1; i <= 3; i++) {
            map.put(i, "v" + i);
        }
        map.get(1);
        map.put(4, "d");
        assertThat(map).containsOnlyKeys(2, 3, 4);
    }

    @Test
    void whatIsForgottenIsToldOfAsItGoes() {
        java.util.List<Integer> gone = new java.util.ArrayList<>();
        Map<Integer, String> map = Bounded.leastRecentlyUsed(2, (key, value) -> gone.add(key));
        map.put(1, "a");
        map.put(2, "b");
        map.put(3, "c");
        assertThat(gone).containsExactly(1);
    }

    @Test
    void theNewestAreAlwaysKept() {
        Map<Integer, Boolean> seen = Bounded.firstIn(1000);
        for (int i = 0; i < 100_000; i++) {
            seen.put(i, true);
        }
        assertThat(seen).hasSize(1000).containsKeys(99_000, 99_999).doesNotContainKey(98_999);
    }
}
