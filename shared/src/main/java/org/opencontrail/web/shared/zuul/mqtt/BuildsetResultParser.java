package org.opencontrail.web.shared.zuul.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.json.JsonFields;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.builds.ZuulBuildsClient;

/** Reads MQTT reporter payloads leniently; what is not a JSON object is refused with the reason. */
public final class BuildsetResultParser {

    public BuildsetResult parse(byte[] payload) throws IOException {
        JsonNode node;
        try {
            node = ForeignJson.tree(payload);
        } catch (JsonProcessingException e) {
            throw new IOException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        JsonFields m = new JsonFields(node);
        JsonFields buildset = m.object("buildset");
        return new BuildsetResult(
                m.text("action"),
                m.text("tenant"),
                m.text("pipeline"),
                m.text("queue"),
                m.text("project"),
                m.text("branch"),
                m.text("change_url"),
                m.optionalInteger("change"),
                m.optionalInteger("patchset"),
                m.text("commit_id"),
                owner(m),
                m.text("ref"),
                m.text("message"),
                m.epochSeconds("timestamp"),
                m.epochSeconds("enqueue_time"),
                m.text("uuid"),
                buildset.text("uuid"),
                buildset.optionalText("result"),
                builds(m, buildset.objects("builds"), false),
                builds(m, buildset.objects("retry_builds"), true));
    }

    private static String owner(JsonFields m) {
        if (m.isObject("owner")) {
            JsonFields owner = m.object("owner");
            return Optional.of(owner.text("name")).filter(n -> !n.isEmpty()).orElse(owner.text("username"));
        }
        return m.text("owner");
    }

    private static List<Build> builds(JsonFields m, List<JsonFields> builds, boolean retried) {
        return builds.stream()
                .map(b -> {
                    Build build = ZuulBuildsClient.build(b);
                    return new Build(
                            build.uuid(),
                            build.job(),
                            build.result(),
                            build.voting(),
                            m.text("pipeline"),
                            m.text("project"),
                            m.text("branch"),
                            m.optionalInteger("change"),
                            m.optionalInteger("patchset"),
                            m.text("ref"),
                            m.text("commit_id"),
                            build.logUrl(),
                            build.startTime(),
                            build.endTime(),
                            build.startTime()
                                    .flatMap(start ->
                                            build.endTime().map(end -> java.time.Duration.between(start, end))),
                            build.nodeset(),
                            build.errorDetail(),
                            m.object("buildset").text("uuid"),
                            retried,
                            build.held(),
                            build.artifacts(),
                            build.eventId());
                })
                .toList();
    }
}
