package org.opencontrail.web.git.mirror;

import java.util.List;

/**
 * A fetch moved refs of a mirror, or the project came or went: pages named by those refs, and
 * pages that list projects, are out of date.
 *
 * @param project the project
 * @param refs    the refs created, moved or deleted (empty when the project itself came or went)
 */
public record MirrorUpdated(String project, List<String> refs) {}
