package org.opencontrail.web.shared.gerrit.event;

/**
 * A Gerrit account as events carry it. Fields the server did not send are empty strings.
 *
 * @param name     full name
 * @param email    e-mail address
 * @param username login name
 */
public record Account(String name, String email, String username) {

    public static final Account NONE = new Account("", "", "");

    /** The most readable name the event gave: full name, else user name, else e-mail. */
    public String displayName() {
        if (!name.isEmpty()) {
            return name;
        }
        return username.isEmpty() ? email : username;
    }
}
