package org.opencontrail.web.deploy.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.opencontrail.web.deploy.sandbox.zuul.GerritEndpoints;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar deploy.jar}: runs the sandbox CI until stopped; with {@code --gerrit-ssh} and
 * {@code --gerrit-url} (on the command line or in the file of {@code --config}), in Zuul mode.
 */
@Command(
        name = "sandbox",
        mixinStandardHelpOptions = true,
        description = {
            "A CI shaped like OpenContrail's, speaking Gerrit's and Zuul's real protocols on loopback.",
            "With --gerrit-ssh and --gerrit-url it is a real Gerrit's Zuul instead (Zuul mode): it runs each new patch set's "
                    + "jobs in check, votes Verified, gates approved changes in one shared queue (Depends-On respected), "
                    + "submits them in order and runs \"recheck\" comments again."
        })
public final class SandboxMain implements Callable<Integer> {

    @Option(
            names = "--config",
            description = "A properties file holding any of these options by their long name without dashes "
                    + "(gerrit-ssh=ci@review.example.org:29418); the command line wins.")
    Path config; // read by main() before the options are parsed, since it gives their defaults

    @Option(
            names = "--state-dir",
            defaultValue = "${env:SANDBOX_STATE_DIR:-run/sandbox}",
            description = "Keys, repositories and logs (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = "--seed",
            defaultValue = "${env:SANDBOX_SEED:-20171124}",
            description = "Random seed: the same seed plays the same project (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--speed",
            defaultValue = "${env:SANDBOX_SPEED:-60}",
            description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(
            names = "--ssh-port",
            defaultValue = "${env:SANDBOX_SSH_PORT:-29418}",
            description = "Gerrit SSH port, 0 for any (default: ${DEFAULT-VALUE}).")
    int sshPort;

    @Option(
            names = "--rest-port",
            defaultValue = "${env:SANDBOX_REST_PORT:-8090}",
            description = "Gerrit REST port, 0 for any (default: ${DEFAULT-VALUE}).")
    int restPort;

    @Option(
            names = "--http-port",
            defaultValue = "${env:SANDBOX_HTTP_PORT:-8091}",
            description = "Zuul API, logs and git port, 0 for any (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--mqtt-port",
            defaultValue = "${env:SANDBOX_MQTT_PORT:-1883}",
            description = "MQTT broker port, 0 for any (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(
            names = "--mqtt-broker",
            defaultValue = "${env:SANDBOX_MQTT_BROKER}",
            description =
                    "Publish Zuul's results to this broker (tcp://HOST:PORT) instead of starting one on --mqtt-port.")
    String mqttBroker;

    @Option(
            names = "--console-port",
            defaultValue = "${env:SANDBOX_CONSOLE_PORT:-8092}",
            description = "Running builds' consoles (Zuul's console stream, Jenkins' progressive text), 0 for any"
                    + " (default: ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(
            names = "--jenkins-consoles",
            description = "Zuul's status links running jobs to their Jenkins build, as Zuul v2 did"
                    + " (default: to their executor, as Zuul v3 does).")
    boolean jenkinsConsoles;

    @Option(
            names = "--gerrit-ssh",
            description = "Zuul mode: the real Gerrit's stream, USER@HOST[:PORT] (port 29418 unless given).")
    String gerritSsh;

    @Option(
            names = "--gerrit-url",
            description = "Zuul mode: the real Gerrit's web URL, for REST (votes, submits, backfill).")
    String gerritUrl;

    @Option(
            names = "--gerrit-key",
            description = "Zuul mode: the stream account's private key (default: ~/.ssh/id_ed25519).")
    Path gerritKey;

    @Option(
            names = "--gerrit-key-passphrase-file",
            description = "Zuul mode: a file holding that key's passphrase, if it has one.")
    Path gerritKeyPassphraseFile;

    @Option(
            names = "--known-hosts",
            description = "Zuul mode: known_hosts holding Gerrit's host key (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--gerrit-http-user", description = "Zuul mode: the REST account (default: the stream's account).")
    String gerritHttpUser;

    @Option(
            names = "--gerrit-http-password-file",
            description = "Zuul mode: a file holding that account's HTTP password.")
    Path gerritHttpPasswordFile;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (Sandbox sandbox = new Sandbox(new Sandbox.Options(
                stateDir,
                seed,
                speed,
                sshPort,
                restPort,
                httpPort,
                mqttPort,
                realGerrit(),
                Optional.ofNullable(mqttBroker).filter(uri -> !uri.isBlank()),
                consolePort,
                jenkinsConsoles))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            sandbox.start();
            stop.await();
        }
        return 0;
    }

    private Optional<GerritEndpoints> realGerrit() {
        if (gerritSsh == null && gerritUrl == null) {
            return Optional.empty();
        }
        if (gerritSsh == null || gerritUrl == null || gerritHttpPasswordFile == null) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "Zuul mode needs --gerrit-ssh, --gerrit-url and --gerrit-http-password-file together");
        }
        Path home = Path.of(System.getProperty("user.home"), ".ssh");
        return Optional.of(GerritEndpoints.of(
                gerritSsh,
                Optional.ofNullable(gerritKey).orElse(home.resolve("id_ed25519")),
                Optional.ofNullable(gerritKeyPassphraseFile),
                Optional.ofNullable(knownHosts).orElse(home.resolve("known_hosts")),
                gerritUrl,
                Optional.ofNullable(gerritHttpUser),
                gerritHttpPasswordFile));
    }

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new SandboxMain());
        configFile(args)
                .ifPresent(file ->
                        command.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(file.toFile())));
        System.exit(command.execute(args));
    }

    /** The file of {@code --config FILE} or {@code --config=FILE}, read before the options so that it gives their defaults. */
    static Optional<Path> configFile(String[] args) {
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals("--config") && i + 1 < list.size()) {
                return Optional.of(Path.of(list.get(i + 1)));
            }
            if (list.get(i).startsWith("--config=")) {
                return Optional.of(Path.of(list.get(i).substring("--config=".length())));
            }
        }
        return Optional.empty();
    }
}
