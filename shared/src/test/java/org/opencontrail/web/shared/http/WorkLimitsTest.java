package org.opencontrail.web.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkLimitsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private WorkLimits limits(int concurrent, int queue, Duration maxWait) {
        return new WorkLimits(
                List.of(new WorkLimit("search", concurrent, queue, maxWait, Duration.ofSeconds(7))), registry);
    }

    @Test
    void pastTheLimitWithNoQueueTheNextIsTurnedAwayAtOnceAndTheTurnComesBackWhenOneEnds() {
        WorkLimits limits = limits(2, 0, Duration.ofSeconds(30));
        WorkLimits.Permit first = limits.enter("search");
        WorkLimits.Permit second = limits.enter("search");

        long started = System.nanoTime();
        assertThatThrownBy(() -> limits.enter("search")).isInstanceOfSatisfying(TurnedAway.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(503);
            assertThat(e.kind()).isEqualTo("search");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("try again in 7 s");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("no wait with no queue")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(registry.get("suite_work_active")
                        .tag("kind", "search")
                        .gauge()
                        .value())
                .isEqualTo(2);
        assertThat(registry.get("suite_work_shed")
                        .tag("kind", "search")
                        .counter()
                        .count())
                .isEqualTo(1);

        first.close();
        first.close(); // twice is harmless: it gives back one turn, not two
        limits.enter("search").close();
        second.close();
        assertThat(registry.get("suite_work_active")
                        .tag("kind", "search")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void aQueuedRequestGetsTheTurnWhenOneEndsWithinItsWait() throws Exception {
        WorkLimits limits = limits(1, 1, Duration.ofSeconds(30));
        WorkLimits.Permit running = limits.enter("search");
        CountDownLatch queued = new CountDownLatch(1);
        CompletableFuture<WorkLimits.Permit> waiting = CompletableFuture.supplyAsync(() -> {
            queued.countDown();
            return limits.enter("search");
        });
        queued.await();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.get("suite_work_waiting")
                                .tag("kind", "search")
                                .gauge()
                                .value()
                        == 1);

        assertThatThrownBy(() -> limits.enter("search"))
                .as("the queue holds one")
                .isInstanceOf(TurnedAway.class);
        running.close();
        waiting.get(5, TimeUnit.SECONDS).close();
        assertThat(registry.get("suite_work_waiting")
                        .tag("kind", "search")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void enteringNowNeverWaitsWhateverTheQueueAllows() {
        WorkLimits limits = limits(1, 8, Duration.ofSeconds(30));
        try (WorkLimits.Permit running = limits.enterNow("search")) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> limits.enterNow("search")).isInstanceOf(TurnedAway.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("an event loop is not held")
                    .isLessThan(Duration.ofSeconds(5));
        }
        limits.enterNow("search").close();
    }

    @Test
    void aQueuedRequestWhoseWaitRunsOutIsTurnedAway() {
        WorkLimits limits = limits(1, 4, Duration.ofMillis(200));
        try (WorkLimits.Permit running = limits.enter("search")) {
            assertThatThrownBy(() -> limits.enter("search")).isInstanceOf(TurnedAway.class);
        }
        assertThat(registry.get("suite_work_shed")
                        .tag("kind", "search")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aKindWithoutALimitIsAMistakeInTheCode() {
        assertThatThrownBy(() -> limits(1, 0, Duration.ZERO).enter("clone"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("suite.limits.clone");
    }

    @Test
    void nonsenseLimitsAreRefusedAtStart() {
        assertThatThrownBy(() -> new WorkLimit("search", 0, 0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
