package org.opencontrail.web.shared.gerrit.projects;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Gerrit's {@code GET /projects/?d} answer (a map of name to ProjectInfo, as an anonymous reader
 * gets it, so private projects are never in it) read as the projects a public site may show:
 * less those in state {@code HIDDEN} and Gerrit's own configuration repositories.
 */
public final class GerritProjects {

    /**
     * One listed project.
     *
     * @param name        project name
     * @param description its description, stripped
     * @param state       ACTIVE or READ_ONLY
     */
    public record Listed(String name, String description, String state) {}

    /** Gerrit's own repositories: permissions and accounts, never a public project. */
    private static final Set<String> GERRIT_OWN = Set.of("All-Projects", "All-Users");

    /** The listed projects, in Gerrit's order; the body without its XSSI prefix. */
    public List<Listed> parse(String body) throws IOException {
        JsonNode root = ForeignJson.tree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("Gerrit's project list is not a JSON object");
        }
        List<Listed> projects = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode info = entry.getValue();
            String state = info.path("state").asText("ACTIVE").toUpperCase(Locale.ROOT);
            if (GERRIT_OWN.contains(entry.getKey()) || state.equals("HIDDEN")) {
                continue;
            }
            projects.add(new Listed(
                    entry.getKey(), info.path("description").asText("").strip(), state));
        }
        return projects;
    }
}
