package org.opencontrail.web.git.browse;

import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.view.GitView;

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

    static ProjectHeader of(Mirror mirror, String defaultBranch, SiteLinks links, String tab) {
        String name = mirror.name();
        return new ProjectHeader(
                name,
                mirror.project().description(),
                GitView.summary(name).toUrl(),
                GitView.log(name, defaultBranch).toUrl(),
                GitView.tree(name, defaultBranch).toUrl(),
                GitView.refs(name).toUrl(),
                links.cloneUrl(name),
                links.reviewProject(name),
                tab);
    }
}
