package org.opencontrail.web.git.mirror;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencontrail.web.shared.gerrit.projects.GerritProjects;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;

/**
 * Which projects the site shows and mirrors: those of {@code git.projects} when any are given,
 * otherwise those Gerrit's REST API lists to an anonymous reader (so private ones never come
 * here), less hidden ones and Gerrit's own configuration repositories.
 */
@Singleton
public final class ProjectList {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<ConfiguredProject> configured;
    private final GerritSettings gerrit;
    private final GitSettings settings;
    private final GerritProjects gerritProjects = new GerritProjects();

    ProjectList(List<ConfiguredProject> configured, GerritSettings gerrit, GitSettings settings) {
        this.configured = configured.stream()
                .sorted(Comparator.comparing(ConfiguredProject::index))
                .toList();
        this.gerrit = gerrit;
        this.settings = settings;
    }

    /** Where the list comes from, for logs and health. */
    public String describe() {
        if (!configured.isEmpty()) {
            return "configuration (" + configured.size() + " projects)";
        }
        return gerrit.hasRest() ? "Gerrit " + gerrit.url() : "nowhere (set git.projects or gerrit.url)";
    }

    /** The public projects, by name; throws when Gerrit cannot be asked (the last list read stays in force). */
    public List<PublicProject> load() throws IOException {
        List<PublicProject> projects = new ArrayList<>();
        if (!configured.isEmpty()) {
            for (ConfiguredProject project : configured) {
                if (!PublicProject.safeName(project.name())) {
                    throw new IOException(
                            "git.projects[" + project.index() + "]: '" + project.name() + "' cannot be a project name");
                }
                projects.add(new PublicProject(
                        project.name(),
                        project.description() == null
                                ? ""
                                : project.description().strip(),
                        "ACTIVE",
                        project.url()));
            }
        } else if (gerrit.hasRest()) {
            projects.addAll(fromGerrit());
        }
        projects.sort(Comparator.comparing(PublicProject::name));
        return List.copyOf(projects);
    }

    private List<PublicProject> fromGerrit() throws IOException {
        String body;
        try {
            body = new GerritHttp(gerrit.url(), TIMEOUT).get("projects/?d&type=CODE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing Gerrit's projects", e);
        }
        return parse(GerritHttp.stripXssi(body));
    }

    /** Gerrit's {@code /projects/} answer (a map of name to ProjectInfo) as public projects. */
    List<PublicProject> parse(String body) throws IOException {
        return gerritProjects.parse(body).stream()
                .filter(project -> PublicProject.safeName(project.name()))
                .map(project -> new PublicProject(
                        project.name(), project.description(), project.state(), fetchUrl(project.name())))
                .toList();
    }

    /**
     * Where a Gerrit project is fetched from: {@code git.fetch-url} with the name put in, or, when it
     * has no {@code {project}}, as a folder of {@code PROJECT.git} (a form that environment variables
     * in compose files can carry); without it Gerrit's own anonymous HTTP.
     */
    String fetchUrl(String name) {
        String template = settings.fetchUrl();
        if (template.contains("{project}")) {
            return template.replace("{project}", name);
        }
        if (!template.isBlank()) {
            return (template.endsWith("/") ? template : template + "/") + name + ".git";
        }
        String base = gerrit.url().endsWith("/") ? gerrit.url() : gerrit.url() + "/";
        return base + name;
    }
}
