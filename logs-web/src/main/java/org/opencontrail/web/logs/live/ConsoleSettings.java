package org.opencontrail.web.logs.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.net.URI;
import java.time.Duration;
import org.opencontrail.web.shared.zuul.ZuulSettings;

/**
 * The live console of running builds ({@code /stream/{uuid}}).
 *
 * @param streamUrl   Zuul's console-stream websocket; empty: {@code zuul.url}'s
 *                    {@code api/tenant/TENANT/console-stream}, as {@code ws:} or {@code wss:}
 * @param logfile     the file asked of Zuul's stream
 * @param poll        how often a Jenkins build's progressive text is asked for more
 * @param timeout     bound on connecting to the upstream and on each of its requests
 * @param linger      how long a console's upstream stays open once its last viewer has left
 * @param keptBytes   the most of one console's rendered lines held for viewers who join or come back late
 * @param maxConsoles the most consoles followed at once (each one upstream connection)
 * @param endGrace    how long a stream may stay open once Zuul's status no longer shows its build,
 *                    before the console ends without it (a stream that never closes)
 */
@ConfigurationProperties("logs.console")
public record ConsoleSettings(
        @Bindable(defaultValue = "") String streamUrl,
        @Bindable(defaultValue = "console.log") String logfile,
        @Bindable(defaultValue = "1s") Duration poll,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Bindable(defaultValue = "30s") Duration linger,
        @Bindable(defaultValue = "32MB") @ReadableBytes long keptBytes,
        @Bindable(defaultValue = "200") int maxConsoles,
        @Bindable(defaultValue = "30s") Duration endGrace) {

    /** The websocket of Zuul's console stream; empty when neither this nor {@code zuul.url} says. */
    public java.util.Optional<URI> zuulStream(ZuulSettings zuul) {
        if (!streamUrl.isBlank()) {
            return java.util.Optional.of(URI.create(streamUrl));
        }
        if (zuul.url().isBlank()) {
            return java.util.Optional.empty();
        }
        String root = zuul.url().endsWith("/") ? zuul.url() : zuul.url() + "/";
        String ws = root.replaceFirst("^http", "ws");
        return java.util.Optional.of(URI.create(
                zuul.tenant().isBlank()
                        ? ws + "console-stream"
                        : ws + "api/tenant/" + zuul.tenant() + "/console-stream"));
    }
}
