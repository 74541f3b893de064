package org.opencontrail.web.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache in front of the store answers repeated questions itself and forgets what this process changes. */
class CachedLogStoreTest {

    @TempDir
    Path dir;

    /** The local store, counting the questions that reach it. */
    private static final class Counting implements LogStore {
        final LogStore store;
        final AtomicInteger heads = new AtomicInteger();
        final AtomicInteger lists = new AtomicInteger();

        Counting(LogStore store) {
            this.store = store;
        }

        @Override
        public StoredObject put(String key, InputStream content, String contentType) throws IOException {
            return store.put(key, content, contentType);
        }

        @Override
        public Optional<StoredObject> head(String key) throws IOException {
            heads.incrementAndGet();
            return store.head(key);
        }

        @Override
        public Optional<InputStream> openStored(String key) throws IOException {
            return store.openStored(key);
        }

        @Override
        public Listing list(String prefix) throws IOException {
            lists.incrementAndGet();
            return store.list(prefix);
        }

        @Override
        public void walk(String prefix, Consumer<StoredObject> visitor) throws IOException {
            store.walk(prefix, visitor);
        }

        @Override
        public int delete(String keyOrFolder) throws IOException {
            return store.delete(keyOrFolder);
        }

        @Override
        public String describe() {
            return store.describe();
        }
    }

    @Test
    void repeatedQuestionsAreAnsweredOnceAndChangesAreSeenAtOnce() throws IOException {
        Counting counting = new Counting(new LocalLogStore(dir, StoreLimits.defaults()));
        LogStore cached = new CachedLogStore(
                counting, new CacheSettings(100, Duration.ofMinutes(10), 100, Duration.ofMinutes(10), 1 << 20));
        String build = "45/91245/3/check/job/0f1e2d3/";
        cached.put(build + "a.txt", new ByteArrayInputStream(new byte[] {'a'}), null);

        for (int i = 0; i < 5; i++) {
            assertThat(cached.head(build + "a.txt")).isPresent();
            assertThat(cached.list(build).files()).hasSize(1);
        }
        assertThat(counting.heads.get()).as("the put told the cache already").isZero();
        assertThat(counting.lists.get()).isEqualTo(1);

        cached.put(build + "logs/b.txt", new ByteArrayInputStream(new byte[] {'b'}), null);
        assertThat(cached.list(build).folders())
                .as("a new file shows in the folders above it")
                .containsExactly("logs/");
        assertThat(cached.list("45/").folders()).containsExactly("91245/");

        assertThat(cached.head(build + "missing.txt")).isEmpty();
        assertThat(cached.head(build + "missing.txt")).isEmpty();
        assertThat(counting.heads.get()).isEqualTo(1);
        cached.put(build + "missing.txt", new ByteArrayInputStream(new byte[] {'m'}), null);
        assertThat(cached.head(build + "missing.txt"))
                .as("stored after being asked for")
                .isPresent();

        cached.delete(build);
        assertThat(cached.head(build + "a.txt")).isEmpty();
        assertThat(cached.list(build).isEmpty()).isTrue();
        assertThat(cached.list("45/91245/3/check/job/").folders()).isEmpty();
    }
}
