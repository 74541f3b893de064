package org.opencontrail.web.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.S3ProxyServer;
import org.opencontrail.web.shared.testing.HandClock;

/** The store contract on a real S3-compatible server (s3proxy), each test in a bucket of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("s3")
class S3LogStoreTest extends LogStoreContract {

    /** Far from the wall clock, so that a time not read from the clock shows. */
    private static final Instant STORED_AT = Instant.parse("2031-05-06T07:08:09Z");

    private final HandClock clock = new HandClock(STORED_AT);
    private S3ProxyServer server;
    private final List<S3LogStore> stores = new ArrayList<>();
    private int buckets;

    @TempDir
    Path spool;

    @BeforeAll
    void startServer() throws IOException {
        server = new S3ProxyServer();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(S3LogStore::close);
        stores.clear();
    }

    @Override
    LogStore store(StoreLimits limits) throws IOException {
        S3LogStore store = new S3LogStore(settings("logs-" + (++buckets)), limits, spool, clock);
        stores.add(store);
        return store;
    }

    @Test
    void theBucketIsCreatedWhenMissingAndObjectsCarryTheirEncoding() throws IOException {
        LogStore store = store();
        assertThat(store.describe()).isEqualTo("s3://logs-" + buckets + " at " + server.endpoint());
        store.put(BUILD + "job-output.txt", new ByteArrayInputStream("ok".getBytes(StandardCharsets.UTF_8)), null);
        // A second store on the same bucket sees what the first stored: nothing is kept in memory.
        S3LogStore again = new S3LogStore(settings("logs-" + buckets), StoreLimits.defaults(), spool, clock);
        stores.add(again);
        assertThat(read(again.open(BUILD + "job-output.txt").orElseThrow()))
                .isEqualTo("ok".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anObjectStoredIsDatedByTheClock() throws IOException {
        LogStore store = store();
        clock.set(STORED_AT);
        StoredObject stored =
                store.put(BUILD + "dated.txt", new ByteArrayInputStream("ok".getBytes(StandardCharsets.UTF_8)), null);
        assertThat(stored.lastModified()).isEqualTo(STORED_AT);
    }

    @Test
    void replicasStartingAtOnceOnAMissingBucketAllStart() throws Exception {
        try (S3ProxyServer own =
                new S3ProxyServer()) { // a server of its own: the race leaves nothing behind for the others
            replicasStartAtOnce(new S3Settings(
                    own.endpoint(),
                    "raced",
                    "us-east-1",
                    true,
                    S3ProxyServer.ACCESS_KEY,
                    S3ProxyServer.SECRET_KEY,
                    null));
        }
    }

    private void replicasStartAtOnce(S3Settings settings) throws Exception {
        int replicas = 6;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(replicas);
        java.util.concurrent.ExecutorService starts = java.util.concurrent.Executors.newFixedThreadPool(replicas);
        try {
            List<java.util.concurrent.Future<S3LogStore>> started = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                started.add(starts.submit(() -> {
                    together.await();
                    return new S3LogStore(settings, StoreLimits.defaults(), spool, clock);
                }));
            }
            for (java.util.concurrent.Future<S3LogStore> store : started) {
                stores.add(store.get()); // the losers of the race to make the bucket start too
            }
        } finally {
            starts.shutdownNow();
        }
        assertThat(stores).hasSize(replicas);
        stores.forEach(S3LogStore::close);
        stores.clear();
    }

    @Test
    void wrongCredentialsAreAClearError() {
        S3Settings wrong = new S3Settings(
                server.endpoint(), "logs-wrong", "us-east-1", true, S3ProxyServer.ACCESS_KEY, "not-the-secret", null);
        assertThatThrownBy(() -> new S3LogStore(wrong, StoreLimits.defaults(), spool, clock))
                .isInstanceOf(Exception.class);
    }

    @Test
    void whileTheServerIsDownStoringFailsAndAfterwardsItWorksAgain() throws Exception {
        LogStore store = store();
        store.put(BUILD + "before.txt", new ByteArrayInputStream(new byte[] {'b'}), null);
        server.stop();
        try {
            assertThatThrownBy(() -> store.put(BUILD + "during.txt", new ByteArrayInputStream(new byte[] {'d'}), null))
                    .isInstanceOf(Exception.class);
        } finally {
            server.start();
        }
        store.put(BUILD + "after.txt", new ByteArrayInputStream(new byte[] {'a'}), null);
        assertThat(store.list(BUILD).files()).extracting(StoredObject::name).containsExactly("after.txt", "before.txt");
    }

    private S3Settings settings(String bucket) {
        return new S3Settings(
                server.endpoint(), bucket, "us-east-1", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, null);
    }

    @Test
    void rotatedKeysInTheCredentialsFileAreUsedFromTheNextRequestWithoutARestart() throws Exception {
        Path credentials = spool.resolve("credentials");
        writeCredentials(credentials, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        String bucket = "logs-" + (++buckets);
        S3LogStore store = new S3LogStore(
                new S3Settings(server.endpoint(), bucket, "us-east-1", true, null, null, credentials.toString()),
                StoreLimits.defaults(),
                spool,
                clock);
        stores.add(store);
        store.put(BUILD + "before.txt", new ByteArrayInputStream(new byte[] {'b'}), null);
        server.rotate("rotated-access", "rotated-secret-9876543210");
        try {
            assertThatThrownBy(() -> store.put(BUILD + "old-key.txt", new ByteArrayInputStream(new byte[] {'o'}), null))
                    .as("the old keys stop working")
                    .isInstanceOf(Exception.class);
            writeCredentials(credentials, "rotated-access", "rotated-secret-9876543210");
            store.put(BUILD + "after.txt", new ByteArrayInputStream(new byte[] {'a'}), null);
            assertThat(store.list(BUILD).files())
                    .extracting(StoredObject::name)
                    .containsExactly("after.txt", "before.txt");
            assertThat(read(store.open(BUILD + "before.txt").orElseThrow())).isEqualTo(new byte[] {'b'});
        } finally {
            server.rotate(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
        }
    }

    @Test
    void aCredentialsFileWithoutKeysIsAClearError() throws IOException {
        Path credentials = Files.writeString(spool.resolve("empty-credentials"), "[other]\naws_access_key_id = x\n");
        S3Settings settings =
                new S3Settings(server.endpoint(), "logs-nokeys", "us-east-1", true, null, null, credentials.toString());
        assertThatThrownBy(() -> new S3LogStore(settings, StoreLimits.defaults(), spool, clock))
                .hasMessageContaining("no [default] profile in");
    }

    /** As an operator or the kubelet replaces it: a whole new file moved in place. */
    private static void writeCredentials(Path file, String key, String secret) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temp, "[default]\naws_access_key_id = " + key + "\naws_secret_access_key = " + secret + "\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
