package org.opencontrail.web.git.mirror;

import org.eclipse.jgit.lib.Repository;

/**
 * A mirror was repacked: it has a new commit-graph, so whatever was derived from the old one is to
 * be made again.
 *
 * @param project    the project
 * @param repository its repository
 */
public record MirrorRepacked(String project, Repository repository) {}
