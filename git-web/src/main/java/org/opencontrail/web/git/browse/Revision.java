package org.opencontrail.web.git.browse;

import org.eclipse.jgit.lib.ObjectId;

/**
 * A revision as a URL named it, and the commit it stands for.
 *
 * @param name   as written in the URL ({@code master}, {@code refs/tags/v1.0}, an id, {@code HEAD~2})
 * @param commit the commit (a tag is peeled)
 * @param byId   whether the URL named it by its full id, so that what it shows never changes
 */
public record Revision(String name, ObjectId commit, boolean byId) {
}
