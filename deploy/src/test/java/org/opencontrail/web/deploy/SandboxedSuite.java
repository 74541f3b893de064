package org.opencontrail.web.deploy;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opencontrail.web.deploy.sandbox.Sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    /** The running sandbox and suite. */
    record Running(Sandbox sandbox, LocalSuite suite) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            suite.close();
            sandbox.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SandboxedSuite.class))
                .getOrComputeIfAbsent(Running.class, key -> start(), Running.class);
    }

    private static Running start() {
        try {
            Path state = Files.createTempDirectory("suite-browser");
            Sandbox sandbox = new Sandbox(new Sandbox.Options(state.resolve("sandbox"), 11, 120, 0, 0, 0, 0));
            sandbox.start();
            LocalSuite suite = LocalSuite.start(Path.of(System.getProperty("suite.root", "..")), System.getProperty("suite.version"),
                    Path.of("target", "suite-logs"), Map.of(),
                    concat(LocalSuite.fedBy(sandbox.endpoints(), state.resolve("known_hosts")), List.of("-Dlogs.upload-tokens=" + UPLOAD_TOKEN,
                            "-Dzuul.mqtt.username=web-reader", "-Dzuul.mqtt.password=" + MQTT_PASSWORD)));
            return new Running(sandbox, suite);
        } catch (Exception e) { // keys, sockets, the broker: any of them stops every test that needs the suite
            throw new IllegalStateException("the sandbox CI or the suite did not start", e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
