package org.opencontrail.web.shared.replay;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Playing a recording instead of (or beside) live sources. Runs when {@code replay.file} is set.
 *
 * @param file  the recording (JSON lines, see {@link RecordedEvent})
 * @param speed 1 plays at the recorded pace, 10 ten times faster, 0 as fast as possible
 * @param loop  start over at the end, shifting times so that events stay in order
 */
@ConfigurationProperties("replay")
public record ReplaySettings(
        @Bindable(defaultValue = "") String file,
        @Bindable(defaultValue = "1") double speed,
        @Bindable(defaultValue = "false") boolean loop) {}
