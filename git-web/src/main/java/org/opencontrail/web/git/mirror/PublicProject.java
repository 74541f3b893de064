package org.opencontrail.web.git.mirror;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A project anybody may read, as the site shows and mirrors it.
 *
 * @param name        its name (may hold slashes: {@code Juniper/contrail-controller})
 * @param description one line about it (may be empty)
 * @param state       Gerrit's state: ACTIVE or READ_ONLY
 * @param fetchUrl    where its mirror is fetched from
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PublicProject(String name, String description, String state, String fetchUrl) {

    /**
     * Whether a name may be a project here: a folder under the mirrors' root (no empty, {@code .} or
     * {@code ..} parts) that no URL of the site can mistake for something else (no part starting with
     * {@code +}, which starts a view, and no control characters, backslashes or quotes).
     */
    public static boolean safeName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.startsWith("+")) {
                return false;
            }
        }
        return name.chars()
                .noneMatch(c ->
                        c < 0x20 || c == 0x7f || c == '\\' || c == '"' || c == '<' || c == '>' || c == '?' || c == '#');
    }
}
