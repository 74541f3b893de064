package org.opencontrail.web.shared.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Which replica of its site this app is.
 *
 * @param id the name other replicas, /health and Kafka's consumer groups know it by; empty: the host's
 *           name and the server's port, which a StatefulSet's pod name or a machine keeps across restarts
 */
@ConfigurationProperties("suite.replica")
public record ReplicaSettings(@Bindable(defaultValue = "") String id) {}
