package org.opencontrail.web.shared.testing;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.io.IOException;

/** A real ZooKeeper server in this JVM, on a loopback port, for elections between replicas under test. */
public final class LocalZooKeeper implements AutoCloseable {

    private final TestingServer server;

    private LocalZooKeeper(TestingServer server) {
        this.server = server;
    }

    public static LocalZooKeeper start() throws Exception {
        // ticks of half a second let sessions as short as a second, so that a test sees a dead replica's session end soon
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1);
        return new LocalZooKeeper(new TestingServer(spec, true));
    }

    public int port() {
        return server.getPort();
    }

    /** host:port, for {@code zookeeper.connect}. */
    public String connect() {
        return server.getConnectString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
