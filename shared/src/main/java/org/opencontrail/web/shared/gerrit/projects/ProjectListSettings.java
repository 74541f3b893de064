package org.opencontrail.web.shared.gerrit.projects;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Which projects the sites may show.
 *
 * @param refresh how often Gerrit's anonymous project list is read again (with {@code gerrit.url} set)
 * @param hidden  projects never shown whatever Gerrit says, e.g. when Gerrit has no REST API to ask
 * @param retry   the first wait before reading again after a failed read, doubled at each failure up to {@code refresh}
 */
@ConfigurationProperties("gerrit.project-list")
public record ProjectListSettings(
        @Bindable(defaultValue = "5m") Duration refresh,
        @Nullable List<String> hidden,
        @Bindable(defaultValue = "1s") Duration retry) {

    public ProjectListSettings {
        hidden = hidden == null
                ? List.of()
                : hidden.stream()
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .toList();
    }
}
