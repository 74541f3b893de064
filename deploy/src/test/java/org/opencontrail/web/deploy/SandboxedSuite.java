package org.opencontrail.web.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opencontrail.web.deploy.sandbox.Sandbox;
import org.opencontrail.web.shared.io.Trees;

/**
 * The sandbox CI and the three apps fed by it from their jars, started once for all the test
 * classes that look at the suite as a visitor does ({@code @ExtendWith(SandboxedSuite.class)}, then
 * a {@link Running} parameter), and stopped when the last of them is done.
 */
final class SandboxedSuite implements ParameterResolver {

    /** A token logs-web accepts for uploads, and a secret that must never show. */
    static final String UPLOAD_TOKEN = "upload-token-5f0c2a9e71d84b6c";
    /** The MQTT broker's password for the apps, another secret. */
    static final String MQTT_PASSWORD = "mqtt-password-9d2b7c41e0a3";

    /** A running sandbox CI and the suite fed by it, in a temporary folder of their own. */
    record Running(Path state, Sandbox sandbox, LocalSuite suite)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        /** Starts the sandbox with {@code seed} at 120 times real time, then the three apps fed by it; logs in target/NAME-logs. */
        static Running start(String name, long seed, List<String> properties) throws Exception {
            Path state = Files.createTempDirectory(name);
            Sandbox sandbox = new Sandbox(new Sandbox.Options(state.resolve("sandbox"), seed, 120, 0, 0, 0, 0));
            try {
                sandbox.start();
                LocalSuite suite = LocalSuite.start(
                        Path.of(System.getProperty("suite.root", "..")),
                        System.getProperty("suite.version"),
                        Path.of("target", name + "-logs"),
                        Map.of(),
                        concat(LocalSuite.fedBy(sandbox.endpoints(), state.resolve("known_hosts")), properties));
                return new Running(state, sandbox, suite);
            } catch (Exception | Error e) {
                sandbox.close();
                Trees.delete(state);
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            suite.close();
            sandbox.close();
            Trees.delete(state);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(SandboxedSuite.class))
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
    }

    private static Running start() {
        try {
            return Running.start(
                    "suite",
                    11,
                    List.of(
                            "-Dlogs.upload-tokens=" + UPLOAD_TOKEN,
                            "-Dzuul.mqtt.username=web-reader",
                            "-Dzuul.mqtt.password=" + MQTT_PASSWORD));
        } catch (Exception e) { // keys, sockets, the broker: any of them stops every test that needs the suite
            throw new IllegalStateException("the sandbox CI or the suite did not start", e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
