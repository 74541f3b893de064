package org.opencontrail.web.logs.store;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How big a file may be once inflated, so that a gzip bomb or a runaway log cannot fill the disk.
 *
 * @param maxFileBytes       largest file, as the build wrote it (uncompressed)
 * @param maxRatio           largest inflation ratio of a gzip file ...
 * @param ratioCheckAboveBytes ... once it has inflated past this many bytes (small files compress oddly)
 */
@ConfigurationProperties("logs.limits")
public record StoreLimits(
        @Bindable(defaultValue = "4294967296") long maxFileBytes,
        @Bindable(defaultValue = "200") int maxRatio,
        @Bindable(defaultValue = "67108864") long ratioCheckAboveBytes) {

    public static StoreLimits defaults() {
        return new StoreLimits(4L << 30, 200, 64L << 20);
    }
}
