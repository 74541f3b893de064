package org.opencontrail.web.shared.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventFanoutTest {

    /** Counts what it receives and the gaps it is told of; can be held still. */
    private static final class CountingListener implements EventListener<Integer> {
        final List<Integer> received = new CopyOnWriteArrayList<>();
        final AtomicLong gaps = new AtomicLong();
        final CountDownLatch release;

        CountingListener(boolean stuck) {
            this.release = new CountDownLatch(stuck ? 1 : 0);
        }

        @Override
        public void onEvent(Integer event) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(event);
        }

        @Override
        public void onGap(long dropped) {
            gaps.addAndGet(dropped);
        }

        long accountedFor() {
            return received.size() + gaps.get();
        }
    }

    @Test
    void aStuckListenerNeitherBlocksThePublisherNorTheOtherListeners() {
        CountingListener stuck = new CountingListener(true);
        CountingListener fast = new CountingListener(false);
        try (EventFanout<Integer> fanout = new EventFanout<>("test", 10)) {
            fanout.subscribe(stuck);
            fanout.subscribe(fast);

            long started = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                fanout.publish(i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(fanout.dropped())
                    .as("the stuck one lost what did not fit")
                    .isGreaterThanOrEqualTo(1000 - 11);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(fast.accountedFor())
                            .as("the other listener went on while the stuck one was stuck")
                            .isEqualTo(1000));
            assertThat(stuck.received).isEmpty();

            stuck.release.countDown();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(stuck.accountedFor())
                        .as("every event delivered or reported as a gap")
                        .isEqualTo(1000);
                assertThat(fast.accountedFor()).isEqualTo(1000);
                assertThat(fanout.backlog()).isZero();
            });
            assertThat(stuck.received).hasSizeLessThanOrEqualTo(11);
        }
    }

    @Test
    void aListenerThatThrowsKeepsGettingEvents() {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (EventFanout<Integer> fanout = new EventFanout<>("test", 100)) {
            fanout.subscribe(event -> {
                seen.add(event);
                if (event == 1) {
                    throw new IllegalStateException("boom");
                }
            });
            fanout.publish(1);
            fanout.publish(2);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(seen).containsExactly(1, 2));
        }
    }
}
