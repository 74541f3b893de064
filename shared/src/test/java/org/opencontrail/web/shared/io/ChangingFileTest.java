package org.opencontrail.web.shared.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangingFileTest {

    @TempDir
    Path dir;

    private final AtomicInteger reads = new AtomicInteger();

    private ChangingFile<String> file(Path path) {
        return new ChangingFile<>(path, p -> {
            reads.incrementAndGet();
            return SecretFiles.read(p);
        });
    }

    @Test
    void readsOnceWhileTheFileStaysTheSame() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "first\n");
        ChangingFile<String> secret = file(token);
        assertThat(secret.get()).isEqualTo("first");
        assertThat(secret.get()).isEqualTo("first");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRewrittenFileIsReadAgain() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "first\n");
        ChangingFile<String> secret = file(token);
        secret.get();
        Path next = Files.writeString(dir.resolve("token.new"), "second-token\n");
        Files.move(next, token, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(secret.get()).isEqualTo("second-token");
    }

    @Test
    void aKubernetesSecretSwapOfItsSymbolicLinkIsFollowed() throws IOException {
        // what the kubelet does: ..data -> ..2026_01_01_v1, the key a link into ..data; an update swaps ..data
        Path first = Files.createDirectory(dir.resolve("..v1"));
        Files.writeString(first.resolve("token"), "same-size-1");
        Path second = Files.createDirectory(dir.resolve("..v2"));
        Files.writeString(second.resolve("token"), "same-size-2");
        Files.setLastModifiedTime(second.resolve("token"), Files.getLastModifiedTime(first.resolve("token")));
        Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(dir.resolve("token"), Path.of("..data", "token"));
        ChangingFile<String> secret = file(dir.resolve("token"));
        assertThat(secret.get()).isEqualTo("same-size-1");
        Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(
                dir.resolve("..data_tmp"),
                dir.resolve("..data"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        assertThat(secret.get()).isEqualTo("same-size-2");
    }

    @Test
    void aMissingFileIsAnErrorNotAnOldValue() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "first\n");
        ChangingFile<String> secret = file(token);
        secret.get();
        Files.delete(token);
        assertThatThrownBy(secret::get).isInstanceOf(NoSuchFileException.class);
    }
}
