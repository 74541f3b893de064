package org.opencontrail.web.deploy.sandbox.zuul;

import java.time.Clock;
import java.util.random.RandomGenerator;
import org.opencontrail.web.deploy.sandbox.ci.SandboxCi;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.gerrit.stream.RestChangesBackfill;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox as a real Gerrit's Zuul: the same stream client the sites run (keepalive, watchdog,
 * backfill of every gap from REST) hands each event to {@link GerritTriggers}; {@link GerritReview}
 * votes and submits.
 */
public final class ZuulMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZuulMode.class);

    private final GerritStream stream;
    private final GerritReview review;

    private ZuulMode(GerritStream stream, GerritReview review) {
        this.stream = stream;
        this.review = review;
    }

    /** Starts listening to the real Gerrit's stream and driving the CI with it; {@code rest} is the CI's account's. */
    public static ZuulMode start(GerritEndpoints gerrit, GerritHttp rest, SandboxCi ci, GerritReview review) {
        GerritStream stream = new GerritStream(
                gerrit.ssh(), new RestChangesBackfill(rest), Clock.systemUTC(), RandomGenerator.getDefault());
        stream.subscribe(new GerritTriggers(ci));
        stream.start();
        LOG.info(
                "Zuul mode: driven by Gerrit {}@{}:{} and {}",
                gerrit.sshUser(),
                gerrit.sshHost(),
                gerrit.sshPort(),
                gerrit.url());
        return new ZuulMode(stream, review);
    }

    @Override
    public void close() throws InterruptedException {
        stream.close();
        review.close();
    }
}
