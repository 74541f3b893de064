package org.opencontrail.web.git.browse;

import org.eclipse.jgit.lib.PersonIdent;

/**
 * An author, committer or tagger.
 *
 * @param name  the name
 * @param email the email
 * @param time  when (ISO-8601, with the person's offset)
 */
public record Person(String name, String email, String time) {

    static Person of(PersonIdent ident) {
        if (ident == null) {
            return new Person("", "", "");
        }
        return new Person(
                ident.getName(),
                ident.getEmailAddress(),
                java.time.OffsetDateTime.ofInstant(ident.getWhenAsInstant(), ident.getZoneId())
                        .toString());
    }
}
