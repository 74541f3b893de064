package org.opencontrail.web.shared.cluster;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** This replica: its site's name and its own, as elections, consumer groups and /health show them. */
@Singleton
public final class Replica {

    private final String app;
    private final String id;

    @Inject
    Replica(
            @Value("${micronaut.application.name:suite}") String app,
            ReplicaSettings config,
            @Value("${micronaut.server.port:-1}") int port) {
        this.app = app;
        this.id = config.id().isBlank()
                ? hostName() + "-" + (port > 0 ? port : ProcessHandle.current().pid())
                : config.id();
    }

    /** A replica named outright, as tests and tools make one. */
    public Replica(String app, String id) {
        this.app = app;
        this.id = id;
    }

    /** The site, e.g. status-web. */
    public String app() {
        return app;
    }

    /** This replica among its site's, e.g. status-web-0 or build3-8081. */
    public String id() {
        return id;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
