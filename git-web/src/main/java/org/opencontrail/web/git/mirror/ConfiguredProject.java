package org.opencontrail.web.git.mirror;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * A project given in configuration ({@code git.projects}, a list), for a site without Gerrit.
 *
 * @param name        the project's name, as in URLs
 * @param url         anything JGit fetches from ({@code https://}, {@code ssh://}, {@code file://}, a path)
 * @param description one line about it
 */
@EachProperty(value = "git.projects", list = true)
public record ConfiguredProject(
        @Parameter Integer index,
        String name,
        String url,
        @Nullable String description) {}
