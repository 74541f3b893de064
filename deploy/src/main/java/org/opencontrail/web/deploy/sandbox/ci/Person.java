package org.opencontrail.web.deploy.sandbox.ci;

import java.util.Locale;

/**
 * Someone of the sandbox's project: a name, a user name and an address.
 *
 * @param name     full name
 * @param username login
 * @param email    address
 */
public record Person(String name, String username, String email) {

    public static final Person ZUUL = new Person("Contrail CI", "zuul", "ci@opencontrail.org");

    static Person named(String name) {
        String username =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".").replaceAll("^\\.|\\.$", "");
        return new Person(name, username, username + "@opencontrail.org");
    }
}
