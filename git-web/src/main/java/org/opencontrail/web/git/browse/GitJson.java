package org.opencontrail.web.git.browse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ?format=JSON} answers in Gitiles' shapes, behind Gitiles' {@code )]}'} line so that the
 * tools that read Gitiles read us.
 */
@Singleton
final class GitJson {

    static final String PREFIX = ")]}'\n";
    /** Times as ISO-8601 text, as Gerrit's and Zuul's JSON have them (Jackson alone cannot write an Instant). */
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    String write(Object value) {
        try {
            return PREFIX + json.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> person(Person person) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", person.name());
        out.put("email", person.email());
        out.put("time", person.time());
        return out;
    }

    static Map<String, Object> commit(CommitView.Page page, String tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commit", page.id());
        out.put("tree", tree);
        out.put("parents", page.parents().stream().map(CommitView.Link::id).toList());
        out.put("author", person(page.author()));
        out.put("committer", person(page.committer()));
        StringBuilder message = new StringBuilder();
        page.message().forEach(part -> message.append(part.text()));
        out.put("message", message.toString());
        List<Map<String, Object>> diff = new ArrayList<>();
        for (FileDiff file : page.diff().files()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", file.change().toLowerCase(java.util.Locale.ROOT));
            entry.put("old_path", file.oldPath().isEmpty() ? "/dev/null" : file.oldPath());
            entry.put("new_path", file.newPath().isEmpty() ? "/dev/null" : file.newPath());
            if (file.renamed()) {
                entry.put("score", file.similarity());
            }
            diff.add(entry);
        }
        out.put("tree_diff", diff);
        return out;
    }

    static Map<String, Object> logEntry(CommitInfo commit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commit", commit.id());
        out.put("parents", commit.parents());
        out.put("author", Map.of("name", commit.author(), "email", commit.email(), "time", commit.time()));
        out.put("message", commit.subject());
        return out;
    }
}
