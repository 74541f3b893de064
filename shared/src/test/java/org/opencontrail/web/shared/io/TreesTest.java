package org.opencontrail.web.shared.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {

    @TempDir
    Path temp;

    @Test
    void deletesAFolderWithEverythingInItAndNothingElse() throws Exception {
        Path kept = Files.writeString(temp.resolve("kept.txt"), "x");
        Path folder = temp.resolve("a");
        Files.createDirectories(folder.resolve("b/c"));
        Files.writeString(folder.resolve("b/c/file"), "y");
        Files.createSymbolicLink(folder.resolve("link"), kept);
        Trees.delete(folder);
        assertThat(folder).doesNotExist();
        assertThat(kept).exists();
        Trees.delete(temp.resolve("missing"));
    }
}
