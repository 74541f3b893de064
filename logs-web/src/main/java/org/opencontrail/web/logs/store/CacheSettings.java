package org.opencontrail.web.logs.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * What the store's cache keeps.
 *
 * @param objects    files whose size and type are kept
 * @param objectTtl  how long they are kept (files do not change, but another process may store anew)
 * @param listings   folders whose listing is kept
 * @param listingTtl how long a listing is kept (another process, an import, may add files)
 * @param renderedHeadBytes memory for the rendered first lines of hot logs (see the viewer's RenderedHeads)
 */
@ConfigurationProperties("logs.cache")
public record CacheSettings(
        @Bindable(defaultValue = "20000") long objects,
        @Bindable(defaultValue = "10m") Duration objectTtl,
        @Bindable(defaultValue = "2000") long listings,
        @Bindable(defaultValue = "30s") Duration listingTtl,
        @Bindable(defaultValue = "67108864") long renderedHeadBytes) {}
