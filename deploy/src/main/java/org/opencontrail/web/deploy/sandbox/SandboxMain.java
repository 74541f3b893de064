package org.opencontrail.web.deploy.sandbox;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar deploy.jar}: runs the sandbox CI until stopped. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "A CI shaped like OpenContrail's, speaking Gerrit's and Zuul's real protocols on loopback.")
public final class SandboxMain implements Callable<Integer> {

    @Option(names = "--state-dir", defaultValue = "run/sandbox", description = "Keys, repositories and logs (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--seed", defaultValue = "20171124", description = "Random seed: the same seed plays the same project (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "60", description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--ssh-port", defaultValue = "29418", description = "Gerrit SSH port, 0 for any (default: ${DEFAULT-VALUE}).")
    int sshPort;

    @Option(names = "--rest-port", defaultValue = "8090", description = "Gerrit REST port, 0 for any (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(names = "--http-port", defaultValue = "8091", description = "Zuul API, logs and git port, 0 for any (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--mqtt-port", defaultValue = "1883", description = "MQTT broker port, 0 for any (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (Sandbox sandbox = new Sandbox(new Sandbox.Options(stateDir, seed, speed, sshPort, restPort, httpPort, mqttPort))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            sandbox.start();
            stop.await();
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SandboxMain()).execute(args));
    }
}
