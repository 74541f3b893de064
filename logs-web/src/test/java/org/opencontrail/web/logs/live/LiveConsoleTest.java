package org.opencontrail.web.logs.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.serde.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** A console's events as viewers get them: late, slow and resuming viewers, and a bounded memory. */
class LiveConsoleTest {

    private static LiveConsole console(long keptBytes) {
        return new LiveConsole("abc", keptBytes, ObjectMapper.getDefault());
    }

    private static String text(byte[] event) {
        return new String(event, StandardCharsets.UTF_8);
    }

    /** A viewer that asks for {@code first} events at once, and for the rest when told. */
    private static final class Viewer extends BaseSubscriber<String> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean complete = new AtomicBoolean();
        private final long first;

        Viewer(long first) {
            this.first = first;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(first);
        }

        @Override
        protected void hookOnNext(String event) {
            events.add(event);
        }

        @Override
        protected void hookOnComplete() {
            complete.set(true);
        }
    }

    private static Viewer watch(LiveConsole console, long after, long first) {
        Viewer viewer = new Viewer(first);
        console.follow(after).map(LiveConsoleTest::text).subscribe(viewer);
        return viewer;
    }

    @Test
    void aViewerThatJoinsLateGetsTheKeptLinesThenWhatComesThenTheEndThenTheStoredLog() {
        LiveConsole console = console(1 << 20);
        console.text("one\ntwo\n");
        Viewer viewer = watch(console, 0, Long.MAX_VALUE);
        console.text("three\n");
        console.ended();
        assertThat(viewer.complete).isFalse(); // its logs are not stored yet
        console.stored("/00/1/job-output.txt");
        assertThat(viewer.events).hasSize(5);
        assertThat(viewer.events.get(0)).startsWith("event: state\n").contains("\"streaming\"");
        assertThat(viewer.events.get(1)).startsWith("id: 2\nevent: lines\n").contains("id=\\\"L1\\\"");
        assertThat(viewer.events.get(2)).startsWith("id: 3\nevent: lines\n").contains("three");
        assertThat(viewer.events.get(3)).startsWith("id: 3\nevent: end\n").contains("\"last\":3");
        assertThat(viewer.events.get(4)).contains("event: stored").contains("/00/1/job-output.txt");
        assertThat(viewer.complete).isTrue();
    }

    @Test
    void aViewerResumingInsideABatchGetsOnlyTheLinesItLacks() {
        LiveConsole console = console(1 << 20);
        console.text("one\ntwo\nthree\nfour\n");
        Viewer viewer = watch(console, 2, Long.MAX_VALUE);
        assertThat(viewer.events.get(1))
                .startsWith("id: 4\nevent: lines\n")
                .contains("\"first\":3")
                .contains("three")
                .doesNotContain("two");
    }

    @Test
    void theOldestLinesGoPastTheBoundAndAViewerThatLacksThemIsToldOfTheGap() {
        LiveConsole console = console(4096);
        for (int i = 1; i <= 200; i++) {
            console.text("line " + i + " " + "x".repeat(40) + "\n");
        }
        LiveConsole.Snapshot snapshot = console.snapshot();
        assertThat(snapshot.dropped()).isGreaterThan(100);
        assertThat(snapshot.last()).isEqualTo(200);
        assertThat(snapshot.html()).contains("id=\"L200\"").doesNotContain("id=\"L1\"");
        Viewer viewer = watch(console, 0, Long.MAX_VALUE);
        assertThat(viewer.events.get(1)).startsWith("id: " + snapshot.dropped() + "\nevent: gap\n");
        assertThat(viewer.events.get(2)).contains("\"first\":" + (snapshot.dropped() + 1));
    }

    @Test
    void aSlowViewerCatchesUpFromWhatIsKeptWithoutHoldingTheConsoleBack() {
        LiveConsole console = console(1 << 20);
        Viewer slow = watch(console, 0, 1);
        Viewer fast = watch(console, 0, Long.MAX_VALUE);
        for (int i = 1; i <= 1000; i++) {
            console.text("line " + i + "\n");
        }
        console.ended();
        assertThat(slow.events).hasSize(1); // it asked for one event only
        assertThat(fast.events)
                .hasSize(1003) // waiting, streaming, 1,000 lines, the end
                .last()
                .asString()
                .contains("event: end");
        slow.request(Long.MAX_VALUE);
        assertThat(slow.events.stream().filter(event -> event.contains("event: lines")))
                .containsExactlyElementsOf(fast.events.stream()
                        .filter(event -> event.contains("event: lines"))
                        .toList());
        assertThat(slow.events).last().asString().contains("event: end");
    }
}
