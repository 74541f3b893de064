package org.opencontrail.web.shared.gerrit.projects;

/** Whether a site may show what belongs to a project. */
public enum Visibility {
    /** Gerrit lists it to anonymous readers (or no project list is in force). */
    SHOWN,
    /** Hidden, private, or named in {@code gerrit.project-list.hidden}. */
    WITHHELD,
    /** Gerrit's list has not been read yet: withheld until it is. */
    UNKNOWN
}
