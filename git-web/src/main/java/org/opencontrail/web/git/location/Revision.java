package org.opencontrail.web.git.location;

import org.eclipse.jgit.lib.ObjectId;

/**
 * A revision as a URL named it, and the commit it stands for.
 *
 * @param name   as written in the URL ({@code master}, {@code refs/tags/v1.0}, an id, {@code HEAD~2})
 * @param commit the commit (a tag is peeled); null for a revision {@link #named} to build an address, and for the
 *               parent of a root commit
 * @param byId   whether the URL named it by its full id, so that what it shows never changes
 */
public record Revision(String name, ObjectId commit, boolean byId) {

    /** A revision by name alone, for building an address; its commit is not known (null). */
    public static Revision named(String name) {
        return new Revision(
                name,
                null,
                name.length() == 40 && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')));
    }
}
