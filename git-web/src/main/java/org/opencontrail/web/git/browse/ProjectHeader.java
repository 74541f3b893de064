package org.opencontrail.web.git.browse;

import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.mirror.Mirror;

/**
 * What every page of a repository shows on top: its name, description, where to clone it and its tabs.
 *
 * @param name        the project
 * @param description one line about it
 * @param summaryUrl  its summary page
 * @param logUrl      the log of its default branch
 * @param treeUrl     the files of its default branch
 * @param refsUrl     its branches and tags
 * @param cloneUrl    what {@code git clone} takes
 * @param reviewUrl   its changes on the review site
 * @param tab         the tab this page belongs to: summary, log, tree or refs
 */
public record ProjectHeader(
        String name,
        String description,
        String summaryUrl,
        String logUrl,
        String treeUrl,
        String refsUrl,
        String cloneUrl,
        String reviewUrl,
        String tab) {

    /** What a page of the repository is about, for its description: the project and its line, or what it holds. */
    public String pageDescription() {
        return name + ": " + (description.isBlank() ? "its files, history, branches and tags" : description);
    }

    static ProjectHeader of(Mirror mirror, String defaultBranch, SiteLinks links, String tab) {
        String name = mirror.name();
        return new ProjectHeader(
                name,
                mirror.project().description(),
                GitLocation.summary(name).toUrl(),
                GitLocation.log(name, defaultBranch).toUrl(),
                GitLocation.tree(name, defaultBranch).toUrl(),
                GitLocation.refs(name).toUrl(),
                links.cloneUrl(name),
                links.reviewProject(name),
                tab);
    }
}
