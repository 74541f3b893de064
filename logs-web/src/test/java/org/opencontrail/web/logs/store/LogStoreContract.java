package org.opencontrail.web.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** What every store must do, run against the local folder and against a real S3-compatible server. */
abstract class LogStoreContract {

    static final String BUILD = "45/91245/3/check/contrail-vnc-build/0f1e2d3/";

    /** A store over fresh, empty storage, with these limits. */
    abstract LogStore store(StoreLimits limits) throws IOException;

    LogStore store() throws IOException {
        return store(StoreLimits.defaults());
    }

    static byte[] fixture(String path) throws IOException {
        try (InputStream in = LogStoreContract.class.getResourceAsStream("/logs/" + path)) {
            return in.readAllBytes();
        }
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static byte[] gunzip(byte[] gzip) throws IOException {
        return read(new GZIPInputStream(new ByteArrayInputStream(gzip)));
    }

    @Test
    void aPlainLogIsStoredCompressedAndReadBackAsWritten() throws IOException {
        LogStore store = store();
        byte[] log = fixture("openstack-os-loganalyze/screen-c-api.txt");
        StoredObject stored = store.put(BUILD + "logs/screen-c-api.txt", new ByteArrayInputStream(log), null);

        assertThat(stored.size()).isEqualTo(log.length);
        assertThat(stored.storedSize()).isLessThan(log.length / 5);
        assertThat(stored.contentType()).isEqualTo("text/plain");
        StoredObject head = store.head(BUILD + "logs/screen-c-api.txt").orElseThrow();
        assertThat(head.size()).isEqualTo(log.length);
        assertThat(head.storedSize()).isEqualTo(stored.storedSize());
        assertThat(head.lastModified()).isAfter(Instant.now().minusSeconds(120));
        assertThat(read(store.open(BUILD + "logs/screen-c-api.txt").orElseThrow()))
                .isEqualTo(log);
        assertThat(gunzip(read(store.openStored(BUILD + "logs/screen-c-api.txt").orElseThrow())))
                .isEqualTo(log);
    }

    @Test
    void aGzipLogIsKeptAsItCameAndMeasuredInflated() throws IOException {
        LogStore store = store();
        byte[] gzip = fixture("openstack-os-loganalyze/screen-c-api.txt.gz");
        byte[] plain = fixture("openstack-os-loganalyze/screen-c-api.txt");
        StoredObject stored = store.put(BUILD + "logs/screen-c-api.txt.gz", new ByteArrayInputStream(gzip), null);

        assertThat(stored.size()).isEqualTo(plain.length);
        assertThat(stored.storedSize()).isEqualTo(gzip.length);
        assertThat(stored.contentType()).isEqualTo("text/plain");
        assertThat(read(store.openStored(BUILD + "logs/screen-c-api.txt.gz").orElseThrow()))
                .isEqualTo(gzip);
        assertThat(read(store.open(BUILD + "logs/screen-c-api.txt.gz").orElseThrow()))
                .isEqualTo(plain);
    }

    @Test
    void bytesThatAreNotUtf8ComeBackExactly() throws IOException {
        LogStore store = store();
        for (String name : List.of("generic_enc_sjis.log", "generic_enc_win1252.log", "unicode_be_j.log")) {
            byte[] log = fixture("encodings-fluent-bit/" + name);
            store.put(BUILD + name, new ByteArrayInputStream(log), null);
            assertThat(read(store.open(BUILD + name).orElseThrow())).as(name).isEqualTo(log);
        }
        byte[] binary = new byte[70_000];
        new java.util.Random(7).nextBytes(binary);
        store.put(BUILD + "core.bin", new ByteArrayInputStream(binary), "application/octet-stream");
        assertThat(read(store.open(BUILD + "core.bin").orElseThrow())).isEqualTo(binary);
        assertThat(store.head(BUILD + "core.bin").orElseThrow().contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void anEmptyFileIsAFile() throws IOException {
        LogStore store = store();
        store.put(BUILD + "empty.html", new ByteArrayInputStream(new byte[0]), null);
        StoredObject head = store.head(BUILD + "empty.html").orElseThrow();
        assertThat(head.size()).isZero();
        assertThat(head.contentType()).isEqualTo("text/html");
        assertThat(read(store.open(BUILD + "empty.html").orElseThrow())).isEmpty();
    }

    @Test
    void whatIsNotStoredIsEmptyNotAnError() throws IOException {
        LogStore store = store();
        assertThat(store.head(BUILD + "nothing.txt")).isEmpty();
        assertThat(store.open(BUILD + "nothing.txt")).isEmpty();
        assertThat(store.list("99/99999/").isEmpty()).isTrue();
    }

    @Test
    void aFolderListsItsFilesAndTheFoldersBelow() throws IOException {
        LogStore store = store();
        for (String name : List.of(
                "job-output.txt",
                "zuul-info/inventory.yaml",
                "logs/syslog.txt",
                "logs/screen-n-api.txt.gz",
                "logs/etc/nova.conf")) {
            store.put(
                    BUILD + name,
                    new ByteArrayInputStream(("content of " + name).getBytes(StandardCharsets.UTF_8)),
                    null);
        }
        store.put(
                "45/91245/4/check/contrail-vnc-build/abcdef0/job-output.txt",
                new ByteArrayInputStream(new byte[] {'x'}),
                null);

        Listing build = store.list(BUILD);
        assertThat(build.prefix()).isEqualTo(BUILD);
        assertThat(build.folders()).containsExactly("logs/", "zuul-info/");
        assertThat(build.files()).extracting(StoredObject::name).containsExactly("job-output.txt");
        assertThat(build.files().get(0).size()).isEqualTo("content of job-output.txt".length());

        Listing logs = store.list(BUILD + "logs");
        assertThat(logs.folders()).containsExactly("etc/");
        assertThat(logs.files()).extracting(StoredObject::name).containsExactly("screen-n-api.txt.gz", "syslog.txt");
        assertThat(store.list("45/91245/").folders()).containsExactly("3/", "4/");
        assertThat(store.list("").folders()).containsExactly("45/");

        List<String> walked = new java.util.ArrayList<>();
        store.walk("45/91245/3/", object -> walked.add(object.key()));
        assertThat(walked).hasSize(5).allMatch(key -> key.startsWith(BUILD));
    }

    @Test
    void deletingAFolderRemovesEverythingUnderItAndNothingElse() throws IOException {
        LogStore store = store();
        store.put(BUILD + "a.txt", new ByteArrayInputStream(new byte[] {'a'}), null);
        store.put(BUILD + "logs/b.txt", new ByteArrayInputStream(new byte[] {'b'}), null);
        String other = "45/91245/3/check/other-job/1234567/c.txt";
        store.put(other, new ByteArrayInputStream(new byte[] {'c'}), null);

        assertThat(store.delete(BUILD)).isEqualTo(2);
        assertThat(store.head(BUILD + "a.txt")).isEmpty();
        assertThat(store.head(BUILD + "logs/b.txt")).isEmpty();
        assertThat(store.head(other)).isPresent();
        assertThat(store.delete(other)).isEqualTo(1);
        assertThat(store.delete(other)).isZero();
    }

    @Test
    void aFileStoredAgainReplacesTheOldOne() throws IOException {
        LogStore store = store();
        store.put(BUILD + "job-output.txt", new ByteArrayInputStream("first".getBytes(StandardCharsets.UTF_8)), null);
        store.put(
                BUILD + "job-output.txt",
                new ByteArrayInputStream("second, longer".getBytes(StandardCharsets.UTF_8)),
                null);
        assertThat(new String(read(store.open(BUILD + "job-output.txt").orElseThrow()), StandardCharsets.UTF_8))
                .isEqualTo("second, longer");
        assertThat(store.head(BUILD + "job-output.txt").orElseThrow().size()).isEqualTo(14);
    }

    @Test
    void keysThatCouldLeaveTheirFolderAreRefused() throws IOException {
        LogStore store = store();
        for (String key : List.of(
                "../etc/passwd", "45/../../x", "/etc/passwd", "45\\91245", "45/\u0000/x", "45//x", "45/./x", "")) {
            assertThatThrownBy(() -> store.put(key, new ByteArrayInputStream(new byte[] {'x'}), null))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.head(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.list("../")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("../")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGzipBombIsRefusedAndNothingIsStored() throws IOException {
        LogStore store = store(new StoreLimits(64L << 20, 100, 1L << 20));
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bomb)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 60; i++) {
                gzip.write(zeros); // 60 MB of zeros: about 60 KB compressed, 1000 times
            }
        }
        assertThatThrownBy(() -> store.put(BUILD + "bomb.txt.gz", new ByteArrayInputStream(bomb.toByteArray()), null))
                .isInstanceOf(StoreLimitException.class)
                .hasMessageContaining("gzip bomb");
        assertThat(store.head(BUILD + "bomb.txt.gz")).isEmpty();

        LogStore small = store(new StoreLimits(1000, 100, 1L << 20));
        assertThatThrownBy(() -> small.put(BUILD + "big.txt", new ByteArrayInputStream(new byte[2000]), null))
                .isInstanceOf(StoreLimitException.class)
                .hasMessageContaining("larger than 1000 bytes");
        assertThat(small.head(BUILD + "big.txt")).isEmpty();
    }

    @Test
    void aTruncatedGzipFileIsRefusedWithItsReason() throws IOException {
        LogStore store = store();
        byte[] gzip = fixture("openstack-os-loganalyze/screen-c-api.txt.gz");
        byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length / 2);
        assertThatThrownBy(() -> store.put(BUILD + "cut.txt.gz", new ByteArrayInputStream(truncated), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a whole gzip file");
        assertThat(store.head(BUILD + "cut.txt.gz")).isEmpty();
    }

    @Test
    void filesStoredBeforeACutoffAreRemoved() throws IOException {
        LogStore store = store();
        store.put(BUILD + "old.txt", new ByteArrayInputStream(new byte[] {'o'}), null);
        assertThat(store.deleteStoredBefore(Instant.now().minusSeconds(3600))).isZero();
        assertThat(store.head(BUILD + "old.txt")).isPresent();
        assertThat(store.deleteStoredBefore(Instant.now().plusSeconds(3600))).isEqualTo(1);
        assertThat(store.head(BUILD + "old.txt")).isEmpty();
        assertThat(store.list("").isEmpty()).as("no empty folders left behind").isTrue();
    }
}
