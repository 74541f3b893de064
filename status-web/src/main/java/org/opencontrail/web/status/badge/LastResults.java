package org.opencontrail.web.status.badge;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.ZuulResultListener;

/** The last gate or post result of each project's branch, from Zuul's MQTT results. */
@Singleton
public final class LastResults implements ZuulResultListener {

    private final Clock clock;

    LastResults(Clock clock) {
        this.clock = clock;
    }

    /**
     * A finished buildset.
     *
     * @param pipeline gate or post
     * @param result   SUCCESS, FAILURE...
     * @param at       when Zuul reported it
     */
    public record Last(String pipeline, String result, Instant at) {

        public boolean passed() {
            return ZuulResult.passed(result);
        }
    }

    private final Map<String, Last> results = new ConcurrentHashMap<>();

    @Override
    public void onEvent(BuildsetResult event) {
        if (!(event.pipeline().equals("gate") || event.pipeline().equals("post"))
                || event.buildsetResult().isEmpty()) {
            return;
        }
        Instant at = event.timestamp().orElseGet(clock::instant);
        results.merge(
                event.project() + "\u0000" + event.branch(),
                new Last(event.pipeline(), event.buildsetResult().get(), at),
                (old, fresh) -> fresh.at().isBefore(old.at()) ? old : fresh);
    }

    public Optional<Last> of(String project, String branch) {
        return Optional.ofNullable(results.get(project + "\u0000" + branch));
    }
}
