package org.opencontrail.web.git.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the index says it holds survives a restart; an index of another layout is made again. */
class CodeIndexFormatTest {

    @TempDir
    Path temp;

    @Test
    void theRefsIndexedAreKeptWithTheIndex() throws Exception {
        Path folder = temp.resolve("code-search");
        try (CodeIndex index = new CodeIndex(folder)) {
            index.add(new CodeIndex.NewFile(
                    "p", "a.c", "0".repeat(40), Set.of("refs/heads/master"), 4, Optional.of("int x;\n"), ""));
            index.commit("p", Map.of("refs/heads/master", "1".repeat(40)));
        }
        try (CodeIndex index = new CodeIndex(folder)) {
            assertThat(index.indexedRefs("p")).containsExactly(Map.entry("refs/heads/master", "1".repeat(40)));
            assertThat(index.refsOf(CodeIndex.key("p", "a.c", "0".repeat(40)))).contains(Set.of("refs/heads/master"));
        }
    }

    @Test
    void anIndexOfAnotherLayoutIsMadeAgain() throws Exception {
        Path folder = temp.resolve("code-search");
        Files.createDirectories(folder);
        try (FSDirectory directory = FSDirectory.open(folder);
                IndexWriter old = new IndexWriter(directory, new IndexWriterConfig())) {
            Document doc = new Document();
            doc.add(new StringField("key", "old", Field.Store.YES));
            old.addDocument(doc);
            old.setLiveCommitData(
                    Map.of("format", "0", "refs:p", "abc refs/heads/master\n").entrySet());
            old.commit();
        }
        try (CodeIndex index = new CodeIndex(folder)) {
            assertThat(index.projects()).as("nothing it held is trusted").isEmpty();
            assertThat(index.refsOf("old")).isEmpty();
        }
    }

    @Test
    void anUnreadableIndexIsMadeAgain() throws Exception {
        Path folder = temp.resolve("code-search");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("segments_1"), "not an index");
        try (CodeIndex index = new CodeIndex(folder)) {
            assertThat(index.projects()).isEmpty();
        }
    }
}
