package org.opencontrail.web.git.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencontrail.web.git.ci.CommitCi;
import org.opencontrail.web.git.ci.DirectPushes;
import org.opencontrail.web.git.ci.Replication;
import org.opencontrail.web.shared.json.PrettyJson;

/**
 * {@code ?format=JSON} answers in Gitiles' shapes, written by the framework's mapper, indented as
 * Gitiles writes them, behind Gitiles' {@code )]}'} line so that the tools that read Gitiles read us.
 * Every field is written, empty or not, as Gitiles does.
 */
@Singleton
final class GitJson {

    static final String PREFIX = ")]}'\n";

    private final JsonMapper json;

    GitJson(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        try {
            return PREFIX + PrettyJson.indent(json.writeValueAsBytes(value)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An author or committer. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PersonJson(String name, String email, String time) {
        static PersonJson of(Person person) {
            return new PersonJson(person.name(), person.email(), person.time());
        }
    }

    /** One file of a commit's diff; a score for renames only. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DiffEntry(
            String type,
            @JsonProperty("old_path") String oldPath,
            @JsonProperty("new_path") String newPath,
            Integer score) {
        static DiffEntry of(FileDiff file) {
            return new DiffEntry(
                    file.change().toLowerCase(Locale.ROOT),
                    file.oldPath().isEmpty() ? "/dev/null" : file.oldPath(),
                    file.newPath().isEmpty() ? "/dev/null" : file.newPath(),
                    file.renamed() ? file.similarity() : null);
        }
    }

    /** A commit, as {@code +/REV?format=JSON}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CommitJson(
            String commit,
            String tree,
            List<String> parents,
            PersonJson author,
            PersonJson committer,
            String message,
            @JsonProperty("tree_diff") List<DiffEntry> treeDiff) {
        static CommitJson of(CommitView.Page page, String tree) {
            StringBuilder message = new StringBuilder();
            page.message().forEach(part -> message.append(part.text()));
            return new CommitJson(
                    page.id(),
                    tree,
                    page.parents().stream().map(CommitView.Link::id).toList(),
                    PersonJson.of(page.author()),
                    PersonJson.of(page.committer()),
                    message.toString(),
                    page.diff().files().stream().map(DiffEntry::of).toList());
        }
    }

    /** A commit of a log. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LogEntry(String commit, List<String> parents, PersonJson author, String message) {
        static LogEntry of(CommitInfo commit) {
            return new LogEntry(
                    commit.id(),
                    commit.parents(),
                    new PersonJson(commit.author(), commit.email(), commit.time()),
                    commit.subject());
        }
    }

    /** A page of a log, as {@code +log?format=JSON}; {@code next} only when there is more. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record LogJson(@JsonInclude(JsonInclude.Include.ALWAYS) List<LogEntry> log, String next) {}

    /** A project, as {@code PROJECT/?format=JSON}: Gitiles' fields and ours (mirrors, pushes past review). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProjectJson(
            String name,
            @JsonProperty("clone_url") String cloneUrl,
            String description,
            List<Replication.Mirror> replication,
            @JsonProperty("pushed_past_review") List<DirectPushes.Push> pushedPastReview) {}

    /** What CI said of a commit: its review, its gate run, its post jobs. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CiJson(
            String commit,
            CommitCi.Review review,
            boolean unreviewed,
            CommitCi.Run gate,
            List<CommitCi.Build> post,
            List<String> problems) {
        static CiJson of(String commit, CommitCi answer) {
            return new CiJson(
                    commit,
                    answer.review().orElse(null),
                    answer.unreviewed(),
                    answer.gate().orElse(null),
                    answer.post(),
                    answer.problems());
        }
    }

    /** One entry of a folder. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TreeEntry(int mode, String type, String id, String name) {}

    /** A folder, as {@code +/REV/PATH/?format=JSON}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TreeJson(String id, List<TreeEntry> entries) {}

    /** Where a ref points, as {@code +refs?format=JSON} has it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RefJson(String value) {}

    /** The last commit of one entry of a folder. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LastChange(String commit, String subject, String author, String time, String age, String url) {
        static LastChange of(CommitInfo info) {
            return new LastChange(info.id(), info.subject(), info.author(), info.time(), info.age(), info.url());
        }
    }

    /** The last commit of each entry of a folder, by name. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LastChangesJson(String commit, String path, Map<String, LastChange> entries) {}
}
