package org.opencontrail.web.logs.database;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.opencontrail.web.shared.gerrit.projects.PublicProjects;

/**
 * The projects of the builds database that are not public (made private, or never listed by
 * Gerrit): the lists leave them out in SQL, so counts and pages hold no trace of them. Asked of
 * the database at most every half minute.
 */
@Singleton
public final class HiddenProjects {

    private final LoadingCache<String, List<String>> hidden;

    HiddenProjects(BuildsReader reader, PublicProjects projects) {
        this.hidden = Caffeine.newBuilder()
                .maximumSize(1)
                .expireAfterWrite(Duration.ofSeconds(30))
                .build(key -> reader.projects().stream()
                        .filter(project -> !projects.shows(project))
                        .sorted()
                        .toList());
    }

    /** The projects not shown now. */
    public List<String> now() {
        return hidden.get("projects");
    }
}
