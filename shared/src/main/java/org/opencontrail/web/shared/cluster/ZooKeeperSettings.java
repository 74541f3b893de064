package org.opencontrail.web.shared.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The ZooKeeper ensemble the replicas elect their leaders in (the one Zuul already runs will do).
 *
 * @param connect        host:port,... of the ensemble; empty: no election, this replica does the work alone
 * @param root           the node under which the suite keeps its elections
 * @param sessionTimeout how long a replica that died silently (kill -9, a cut network) keeps leading:
 *                       another takes over within about this; the server bounds it to 2 to 20 of its ticks
 * @param connectTimeout bound on each connection attempt
 */
@ConfigurationProperties("zookeeper")
public record ZooKeeperSettings(
        @Bindable(defaultValue = "") String connect,
        @Bindable(defaultValue = "/opencontrail-web") String root,
        @Bindable(defaultValue = "6s") Duration sessionTimeout,
        @Bindable(defaultValue = "5s") Duration connectTimeout) {

    public boolean configured() {
        return !connect.isBlank();
    }
}
