package org.opencontrail.web.searchnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opencontrail.web.analysis.opensearch.LogAnalysisPlugin;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node, started from Maven Central's jars with the plugins logs-web's index needs
 * (Netty's HTTP and transport, the common analyzers, delete by query, and logs-web's own tokenizer), for tests, benchmarks and a machine without
 * OpenSearch's own distribution. Settings come as {@code key=value} arguments, as
 * {@code opensearch -Ekey=value} takes them: {@code path.home}, {@code node.name},
 * {@code cluster.name}, {@code http.port}, {@code transport.port}, {@code discovery.seed_hosts},
 * {@code cluster.initial_cluster_manager_nodes}... It binds to loopback unless told otherwise, prints
 * one line when it answers, and closes on SIGTERM.
 */
public final class SearchNode {

    private SearchNode() {}

    /** Node's constructor that takes plugins from the class path is the protected one. */
    private static final class WithPlugins extends Node {
        WithPlugins(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("network.host", "127.0.0.1");
        // a test machine's disk is often fuller than the watermarks allow: never turn indices read-only for it
        given.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                System.err.println("Not a setting (key=value): " + arg);
                System.exit(2);
            }
            given.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        if (!given.containsKey("path.home")) {
            System.err.println("path.home=DIR is required");
            System.exit(2);
        }
        Path home = Path.of(given.get("path.home")).toAbsolutePath();
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("plugins"));
        Settings.Builder settings = Settings.builder();
        given.forEach((key, value) -> {
            if (key.equals("discovery.seed_hosts") || key.equals("cluster.initial_cluster_manager_nodes")) {
                settings.putList(key, List.of(value.split(",")));
            } else {
                settings.put(key, value);
            }
        });
        settings.put("path.home", home.toString());
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings.build(), Map.of(), home.resolve("config"), () -> given.getOrDefault("node.name", "node"));
        List<Class<? extends Plugin>> plugins = new ArrayList<>(
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, ReindexPlugin.class, LogAnalysisPlugin.class));
        Node node = new WithPlugins(environment, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                node.close();
                                node.awaitClose(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                System.err.println("Closing the node failed: " + e);
                            }
                            stopped.countDown();
                        },
                        "opensearch-node-shutdown"));
        node.start();
        System.out.println("OpenSearch node " + given.getOrDefault("node.name", "node") + " started, HTTP on port "
                + given.getOrDefault("http.port", "9200"));
        stopped.await();
    }
}
