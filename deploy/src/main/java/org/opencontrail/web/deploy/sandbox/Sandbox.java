package org.opencontrail.web.deploy.sandbox;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog;
import org.opencontrail.web.deploy.sandbox.ci.SandboxCi;
import org.opencontrail.web.deploy.sandbox.ci.SandboxGerritJson;
import org.opencontrail.web.deploy.sandbox.ci.SandboxItem;
import org.opencontrail.web.deploy.sandbox.ci.SandboxLogs;
import org.opencontrail.web.deploy.sandbox.ci.SandboxRepos;
import org.opencontrail.web.deploy.sandbox.ci.SandboxTestRuns;
import org.opencontrail.web.deploy.sandbox.ci.SandboxZuulJson;
import org.opencontrail.web.deploy.sandbox.console.ConsoleServer;
import org.opencontrail.web.deploy.sandbox.gerrit.SandboxGerrit;
import org.opencontrail.web.deploy.sandbox.zuul.GerritEndpoints;
import org.opencontrail.web.deploy.sandbox.zuul.GerritReview;
import org.opencontrail.web.deploy.sandbox.zuul.ZuulMode;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole sandbox CI: Gerrit (SSH stream-events, REST, events-log), Zuul (status and builds APIs,
 * MQTT results through a real broker), log server and git smart HTTP, with the simulated project
 * behind them. It writes {@code sandbox.env} in its state folder: where each endpoint is and which
 * key a client logs in with.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    /**
     * Ports (0: any free one), seed and speed.
     *
     * @param stateDir folder for keys, repositories and logs
     * @param seed     random seed
     * @param speed    simulated seconds per real second
     * @param sshPort  Gerrit SSH port
     * @param restPort Gerrit REST port
     * @param httpPort Zuul API, logs and git port
     * @param mqttPort MQTT broker port
     * @param realGerrit Zuul mode: the real Gerrit that drives the sandbox's Zuul instead of simulated developers
     * @param mqttBroker a broker of one's own to publish Zuul's results to (tcp://HOST:PORT), instead of
     *                   starting one on {@code mqttPort}
     * @param consolePort running builds' consoles: Zuul's console stream and Jenkins' progressive text
     * @param jenkinsConsoles Zuul's status links each running job to its Jenkins build, as Zuul v2 did
     *                   (else to its executor, as Zuul v3 does)
     */
    public record Options(
            Path stateDir,
            long seed,
            double speed,
            int sshPort,
            int restPort,
            int httpPort,
            int mqttPort,
            Optional<GerritEndpoints> realGerrit,
            Optional<String> mqttBroker,
            int consolePort,
            boolean jenkinsConsoles) {

        public Options(
                Path stateDir,
                long seed,
                double speed,
                int sshPort,
                int restPort,
                int httpPort,
                int mqttPort,
                Optional<GerritEndpoints> realGerrit,
                Optional<String> mqttBroker) {
            this(stateDir, seed, speed, sshPort, restPort, httpPort, mqttPort, realGerrit, mqttBroker, 0, false);
        }

        public Options(
                Path stateDir,
                long seed,
                double speed,
                int sshPort,
                int restPort,
                int httpPort,
                int mqttPort,
                Optional<GerritEndpoints> realGerrit) {
            this(stateDir, seed, speed, sshPort, restPort, httpPort, mqttPort, realGerrit, Optional.empty());
        }

        /** The whole simulated CI, no real Gerrit. */
        public Options(Path stateDir, long seed, double speed, int sshPort, int restPort, int httpPort, int mqttPort) {
            this(stateDir, seed, speed, sshPort, restPort, httpPort, mqttPort, Optional.empty());
        }
    }

    private final Options options;
    private final SandboxGerrit gerrit;
    private final SandboxRepos repos;
    private final SandboxLogs logs;
    private final SandboxTestRuns testRuns;
    private final Server broker = new Server();
    private MqttAsyncClient publisher;
    private SandboxCi ci;
    private SandboxHttp http;
    private ConsoleServer consoles;
    private SandboxZuulJson zuul;
    private Path clientKey;
    private String mqttUri;
    private boolean brokerStarted;
    private ZuulMode zuulMode;

    public Sandbox(Options options) {
        this.options = options;
        this.gerrit = new SandboxGerrit(options.stateDir());
        this.repos = new SandboxRepos(options.stateDir().resolve("git"));
        this.testRuns = new SandboxTestRuns(options.stateDir().resolve("unittests"), options.seed());
        this.logs = new SandboxLogs(options.stateDir().resolve("logs"), testRuns);
    }

    public void start() throws IOException, GeneralSecurityException, MqttException {
        Files.createDirectories(options.stateDir());
        testRuns.start();
        if (options.mqttBroker().isPresent()) {
            mqttUri = options.mqttBroker().get();
        } else {
            mqttUri = "tcp://127.0.0.1:" + startBroker(options.mqttPort());
        }
        publisher = new MqttAsyncClient(mqttUri, "sandbox-zuul", new MemoryPersistence());
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setAutomaticReconnect(true);
        connectPublisher(connect);
        if (options.realGerrit().isPresent()) {
            startZuulMode(options.realGerrit().get());
        } else {
            startSimulation();
        }
        writeEnv();
    }

    /** A broker of one's own may start after the sandbox (compose starts both at once): it is waited for, a minute at most. */
    private void connectPublisher(MqttConnectOptions connect) throws MqttException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                publisher.connect(connect).waitForCompletion(10_000);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline || options.mqttBroker().isEmpty()) {
                    throw e;
                }
                LOG.info("Waiting for the MQTT broker at {}: {}", mqttUri, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void startSimulation() throws IOException, GeneralSecurityException {
        clientKey = clientKey();
        gerrit.start(options.sshPort(), options.restPort());
        String reviewUrl = gerrit.restUrl().replaceAll("/$", "") + "/c";
        ci = new SandboxCi(options.seed(), options.speed(), repos, logs, reviewUrl, outlets(gerrit::emit));
        startZuul(reviewUrl);
        gerrit.queries(new SandboxGerritJson(ci, reviewUrl));
        ci.start();
        LOG.info(
                "Sandbox CI is up: Gerrit ssh 127.0.0.1:{}, REST {}, Zuul {}, logs {}, git {}, MQTT {}",
                gerrit.ssh().port(),
                gerrit.restUrl(),
                http.zuulUrl(),
                http.logsUrl(),
                http.gitUrl(),
                mqttUri);
    }

    /** Zuul mode: no simulated developers and no Gerrit of its own; a real Gerrit's events drive Zuul. */
    private void startZuulMode(GerritEndpoints real) throws IOException {
        String reviewUrl = real.url().replaceAll("/$", "") + "/c";
        GerritHttp rest = real.rest();
        GerritReview review = new GerritReview(rest);
        try {
            ci = new SandboxCi(
                    options.seed(), options.speed(), logs, reviewUrl, outlets((createdOn, type, json) -> {}), review);
            startZuul(reviewUrl);
            ci.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(review);
            throw e;
        }
        zuulMode = ZuulMode.start(real, rest, ci, review);
        LOG.info(
                "Sandbox Zuul is up, driven by {}: Zuul {}, logs {}, MQTT {}",
                real.url(),
                http.zuulUrl(),
                http.logsUrl(),
                mqttUri);
    }

    private void startZuul(String reviewUrl) throws IOException {
        consoles = new ConsoleServer(ci::console, CONSOLE_POLL_MILLIS);
        try {
            consoles.start(options.consolePort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the console server", e);
        }
        zuul = new SandboxZuulJson(
                ci,
                reviewUrl,
                options.jenkinsConsoles()
                        ? build -> consoles.jenkinsBuildUrl(build.job().name(), build.uuid())
                        : build -> "finger://ze01.opencontrail.org/" + build.uuid());
        http = new SandboxHttp(zuul, logs.root(), repos);
        http.start(options.httpPort());
    }

    /** How often a console stream looks for what its job wrote since. */
    private static final long CONSOLE_POLL_MILLIS = 100;

    /** Where the world reports: Gerrit events to {@code gerritEvents}, results to MQTT, logs under the log server. */
    private SandboxCi.Outlets outlets(GerritEvents gerritEvents) {
        return new SandboxCi.Outlets() {
            @Override
            public void gerritEvent(Instant createdOn, String type, String json) {
                gerritEvents.emit(createdOn, type, json);
            }

            @Override
            public void zuulResult(SandboxItem item, String action) {
                publish(item, action);
            }

            @Override
            public String logUrl(String layoutPath) {
                return http.logsUrl() + layoutPath;
            }
        };
    }

    /** Where the simulation's Gerrit events go. */
    private interface GerritEvents {
        void emit(Instant createdOn, String type, String json);
    }

    /** Starts the broker on {@code mqttPort}, or on any free port for 0, and returns the port it listens on. */
    private int startBroker(int mqttPort) throws IOException {
        Files.createDirectories(options.stateDir().resolve("mqtt"));
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(mqttPort));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("data_path", options.stateDir().resolve("mqtt").toString());
        broker.startServer(new MemoryConfig(properties));
        brokerStarted = true;
        return mqttPort != 0 ? mqttPort : boundPort();
    }

    /** Moquette records the port it bound just after the bind, on its own event loop: waited for, ten seconds at most. */
    private int boundPort() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (broker.getPort() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the MQTT broker did not say which port it listens on");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("waiting for the MQTT broker's port");
            }
        }
        return broker.getPort();
    }

    private void publish(SandboxItem item, String action) {
        String topic = "zuul/" + CiCatalog.TENANT + "/" + item.pipeline() + "/" + item.project() + "/" + item.branch()
                + (item.change() == null ? "" : "/" + item.change().number() + "/" + item.patchSet());
        try {
            publisher.publish(topic, zuul.mqtt(item, action, ci.now()).getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            LOG.warn("Cannot publish the {} of item {}: {}", action, item.uuid(), e.getMessage());
        }
    }

    /** The key clients log in to Gerrit with: made once, kept in the state folder. */
    private Path clientKey() throws IOException, GeneralSecurityException {
        Path file = options.stateDir().resolve("client_key");
        gerrit.authorize(SshKeys.generate(file, "ci-web-suite").getPublic());
        return file;
    }

    /** What a client needs to use the sandbox, as KEY=value lines. */
    public Map<String, String> endpoints() {
        Map<String, String> env = new LinkedHashMap<>();
        if (options.realGerrit().isPresent()) {
            GerritEndpoints real = options.realGerrit().get();
            env.put("GERRIT_SSH_HOST", real.sshHost());
            env.put("GERRIT_SSH_PORT", String.valueOf(real.sshPort()));
            env.put("GERRIT_URL", real.url());
        } else {
            env.put("GERRIT_SSH_HOST", "127.0.0.1");
            env.put("GERRIT_SSH_PORT", String.valueOf(gerrit.ssh().port()));
            env.put("GERRIT_SSH_USER", "ci-web");
            env.put("GERRIT_SSH_KEY_FILE", clientKey.toAbsolutePath().toString());
            env.put("GERRIT_URL", gerrit.restUrl());
        }
        env.put("ZUUL_URL", http.zuulUrl());
        env.put("ZUUL_TENANT", CiCatalog.TENANT);
        env.put("ZUUL_MQTT_URI", mqttUri);
        env.put("ZUUL_CONSOLE_STREAM", consoles.zuulStreamUrl(CiCatalog.TENANT));
        env.put("LOGS_URL", http.logsUrl());
        env.put("GIT_URL", http.gitUrl());
        return env;
    }

    private void writeEnv() throws IOException {
        StringBuilder text = new StringBuilder("# Endpoints of the running sandbox CI\n");
        endpoints()
                .forEach((key, value) ->
                        text.append(key).append('=').append(value).append('\n'));
        Path env = options.stateDir().resolve("sandbox.env");
        Path temp = options.stateDir().resolve("sandbox.env.tmp");
        Files.writeString(temp, text);
        Files.move(
                temp,
                env,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public SandboxCi ci() {
        return ci;
    }

    public SandboxGerrit gerrit() {
        return gerrit;
    }

    public SandboxHttp http() {
        return http;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Closing {}", closeable, e);
        }
    }

    @Override
    public void close() throws IOException {
        if (ci != null) {
            ci.close(); // first: nothing reports to Gerrit after this
        }
        if (zuulMode != null) {
            closeQuietly(zuulMode);
        }
        try {
            if (publisher != null) {
                publisher.disconnectForcibly(1000);
                publisher.close(true);
            }
        } catch (MqttException e) {
            LOG.debug("Closing the publisher", e);
        }
        if (brokerStarted) {
            broker.stopServer();
        }
        if (http != null) {
            http.close();
        }
        if (consoles != null) {
            consoles.close();
        }
        testRuns.close();
        gerrit.close();
        repos.close();
    }
}
