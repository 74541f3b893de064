package org.opencontrail.web.git.mirror;

import java.util.List;

/**
 * A fetch moved refs of a mirror: pages named by those refs are out of date.
 *
 * @param project the project
 * @param refs    the refs created, moved or deleted
 */
public record MirrorUpdated(String project, List<String> refs) {
}
