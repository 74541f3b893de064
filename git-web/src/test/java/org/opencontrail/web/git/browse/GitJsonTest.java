package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.git.ci.CommitCi;

/**
 * The JSON answers keep Gitiles' shapes through the framework's mapper: empty fields are written
 * (a root commit has {@code "parents" : [ ]}, an unknown review is {@code null}), and only the
 * fields Gitiles leaves out are left out (a log's {@code next} on its last page, a score for a file
 * not renamed).
 */
class GitJsonTest {

    private final GitJson json = new GitJson(JsonMapper.createDefault());

    @Test
    void emptyFieldsAreWrittenAsGitilesWritesThem() {
        GitJson.PersonJson nobody = new GitJson.PersonJson("", "", "");
        String commit = json.write(new GitJson.CommitJson(
                "c0ffee",
                "7ree",
                List.of(),
                nobody,
                nobody,
                "",
                List.of(new GitJson.DiffEntry("add", "/dev/null", "README", null))));

        assertThat(commit)
                .startsWith(")]}'\n{")
                .endsWith("}\n")
                .contains("\"parents\" : [ ]")
                .contains("\"message\" : \"\"")
                .contains("\"email\" : \"\"")
                .contains("\"tree_diff\" : [ {")
                .contains("\"new_path\" : \"README\"")
                .doesNotContain("score");
        assertThat(json.write(new GitJson.DiffEntry("rename", "a", "b", 92))).contains("\"score\" : 92");
    }

    @Test
    void aLogSaysNextOnlyWhenThereIsMoreAndACommitWithoutReviewSaysSo() {
        assertThat(json.write(new GitJson.LogJson(List.of(), "")))
                .contains("\"log\" : [ ]")
                .doesNotContain("next");
        assertThat(json.write(new GitJson.LogJson(List.of(), "abc"))).contains("\"next\" : \"abc\"");

        String ci = json.write(GitJson.CiJson.of(
                "c0ffee", new CommitCi(Optional.empty(), true, Optional.empty(), List.of(), List.of())));
        assertThat(ci)
                .contains("\"review\" : null")
                .contains("\"unreviewed\" : true")
                .contains("\"gate\" : null")
                .contains("\"post\" : [ ]")
                .contains("\"problems\" : [ ]");
    }

    @Test
    void hostileTextStaysInsideItsString() {
        String written = json.write(new GitJson.RefJson("</script><script>alert(1)</script>\"\n"));
        assertThat(written).contains("\"value\" : \"</script><script>alert(1)</script>\\\"\\n\"");
    }
}
