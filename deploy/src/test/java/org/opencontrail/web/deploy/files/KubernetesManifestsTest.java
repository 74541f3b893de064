package org.opencontrail.web.deploy.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * deploy/kubernetes (one machine's worth) and deploy/kubernetes-scaled (SCALE.md's replicas over
 * Kafka, ZooKeeper and OpenSearch), each built as kubectl kustomize builds it and read against the
 * Kubernetes API types (fabric8's model), strictly: a field the API does not have is an error, as
 * the API server would refuse it. Then what an operator relies on: probes on /health, requests and
 * limits, non-root with a read-only root, Secrets as files, a volume of its own for each pod that
 * keeps state, a Service, an Ingress per site and a disruption budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    private static final Path DEPLOY =
            Path.of(System.getProperty("suite.root", "..")).resolve("deploy");
    private static final String SINGLE = "kubernetes";
    private static final String SCALED = "kubernetes-scaled";
    private static final List<String> APPS = List.of("status-web", "logs-web", "git-web");
    /** The apps that keep state on a volume: each pod its own. */
    private static final List<String> STATEFUL = List.of("logs-web", "git-web");

    /** kustomization.yaml's fields that the base folder uses; anything else in it is a mistake. */
    record Kustomization(
            String apiVersion,
            String kind,
            String namespace,
            List<Map<String, Object>> labels,
            List<String> resources,
            List<Image> images) {}

    record Image(
            String name,
            @JsonProperty("newName") String newName,
            @JsonProperty("newTag") String newTag) {}

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ObjectMapper json = new ObjectMapper();
    /** Each folder's objects, as built. */
    private final Map<String, List<HasMetadata>> layouts = new LinkedHashMap<>();

    @BeforeAll
    void build() throws IOException {
        for (String folder : List.of(SINGLE, SCALED)) {
            List<HasMetadata> objects = new ArrayList<>();
            for (Map<String, Object> built : new KustomizeBuild().build(DEPLOY.resolve(folder))) {
                Object object = serialization.unmarshal(json.writeValueAsString(built));
                String where = folder + ":" + built.get("kind") + "/" + ((Map<?, ?>) built.get("metadata")).get("name");
                assertThat(object).as(where + ": a Kubernetes object").isInstanceOf(HasMetadata.class);
                List<String> unknown = new ArrayList<>();
                unknownFields(object, where, unknown);
                assertThat(unknown)
                        .as("fields the Kubernetes API does not have")
                        .isEmpty();
                objects.add((HasMetadata) object);
            }
            layouts.put(folder, objects);
        }
    }

    @Test
    void bothFoldersBuildHereAsKubectlBuildsThem() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/kubectl")),
                "kubectl is not installed: the build here stands alone");
        for (String folder : layouts.keySet()) {
            Process kubectl = new ProcessBuilder(
                            "kubectl", "kustomize", DEPLOY.resolve(folder).toString())
                    .redirectErrorStream(true)
                    .start();
            String output =
                    new String(kubectl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(kubectl.waitFor()).as(output).isZero();
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            Set<String> theirs = new TreeSet<>();
            for (String document : output.split("(?m)^---\\s*$")) {
                theirs.add(canonical(yaml.readTree(document)));
            }
            Set<String> ours = new TreeSet<>();
            for (Map<String, Object> built : new KustomizeBuild().build(DEPLOY.resolve(folder))) {
                ours.add(canonical(json.valueToTree(built)));
            }
            assertThat(ours).as(folder).isEqualTo(theirs);
        }
    }

    /** A tree's text with its keys sorted and its lists of named items in name order, as merges may order them otherwise. */
    private String canonical(com.fasterxml.jackson.databind.JsonNode node) throws IOException {
        return json.copy()
                .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                .writeValueAsString(json.treeToValue(sortNamed(node), Object.class));
    }

    private static com.fasterxml.jackson.databind.JsonNode sortNamed(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(field -> ((com.fasterxml.jackson.databind.node.ObjectNode) node)
                            .set(field.getKey(), sortNamed(field.getValue())));
        } else if (node.isArray()) {
            List<com.fasterxml.jackson.databind.JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sortNamed(item)));
            if (items.stream().allMatch(item -> item.has("name") || item.has("mountPath"))) {
                items.sort(java.util.Comparator.comparing(item -> item.path("name")
                                .asText() + "/" + item.path("mountPath").asText()));
            }
            com.fasterxml.jackson.databind.node.ArrayNode sorted =
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).removeAll();
            items.forEach(sorted::add);
        }
        return node;
    }

    @Test
    void theKustomizationsNameEveryManifestOfTheirFolderAndEveryImage() throws IOException {
        ObjectMapper yaml =
                new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        Kustomization kustomization = yaml.readValue(
                DEPLOY.resolve(SINGLE).resolve("kustomization.yaml").toFile(), Kustomization.class);
        assertThat(kustomization.apiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.kind()).isEqualTo("Kustomization");
        assertThat(kustomization.resources()).containsExactlyInAnyOrderElementsOf(manifests(SINGLE));
        Set<String> images = kustomization.images().stream().map(Image::name).collect(Collectors.toSet());
        for (String app : APPS) {
            String image = container(app, SINGLE).getImage();
            assertThat(images)
                    .as("an images entry to point " + image + " at a registry")
                    .contains(image.substring(0, image.lastIndexOf(':')));
        }
        // the scaled folder is the single one with every one of its own files as a patch
        String scaled = Files.readString(DEPLOY.resolve(SCALED).resolve("kustomization.yaml"));
        assertThat(scaled).contains("- ../" + SINGLE);
        for (String manifest : manifests(SCALED)) {
            assertThat(scaled).as(manifest).contains("- path: " + manifest);
        }
    }

    private static Set<String> manifests(String folder) throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve(folder))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyAppIsProbedOnHealthWithResourcesNonRootAndAReadOnlyRoot() {
        for (String layout : layouts.keySet()) {
            assertThat(all(layout, Deployment.class))
                    .extracting(d -> d.getMetadata().getName())
                    .containsExactly("status-web");
            assertThat(all(layout, StatefulSet.class))
                    .extracting(d -> d.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(STATEFUL);
            for (String name : APPS) {
                PodSpec pod = pod(name, layout).getSpec();
                Container container = container(name, layout);
                for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                    assertThat(probe).as(name + " probes").isNotNull();
                    // the app itself: /health and /health/readiness go DOWN with Gerrit or S3, which must not take the
                    // site away
                    assertThat(probe.getHttpGet().getPath()).as(name).isEqualTo("/health/liveness");
                    assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
                }
                assertThat(container.getPorts()).anyMatch(p -> "http".equals(p.getName()));
                assertThat(container.getResources().getRequests())
                        .as(name + " requests")
                        .containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits())
                        .as(name + " limits")
                        .containsKey("memory");
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser())
                        .as("the images' user")
                        .isEqualTo(10001L);
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                        .as(name)
                        .isTrue();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                        .as(name)
                        .isFalse();
                assertThat(container.getSecurityContext().getCapabilities().getDrop())
                        .containsExactly("ALL");
                assertThat(mountPaths(container))
                        .as(name + ": writable /data and /tmp on a read-only root")
                        .contains("/data", "/tmp");
            }
        }
    }

    @Test
    void secretsAreFilesNamedByTheSettingsNeverEnvironmentValuesOrConfigMapKeys() {
        for (String layout : layouts.keySet()) {
            for (String app : APPS) {
                Container container = container(app, layout);
                assertThat(container.getEnv())
                        .as("no secret in an environment variable")
                        .allMatch(env ->
                                env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null);
                Map<String, String> env = container.getEnv().stream()
                        .filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
                List<String> files = new ArrayList<>(List.of("GERRIT_SSH_KEY_FILE", "GERRIT_SSH_KNOWN_HOSTS"));
                if (app.equals("logs-web")) {
                    files.addAll(List.of("LOGS_UPLOAD_TOKENS_FILE", "LOGS_S3_CREDENTIALS_FILE"));
                }
                if (app.equals("logs-web") && configuration(layout).containsKey("LOGS_SEARCH_OPENSEARCH_USERNAME")) {
                    files.add("LOGS_SEARCH_OPENSEARCH_PASSWORD_FILE");
                }
                if (app.equals("logs-web") && configuration(layout).containsKey("DATASOURCES_DEFAULT_USERNAME")) {
                    files.add("LOGS_DATABASE_PASSWORD_FILE");
                }
                if (app.equals("logs-web") && configuration(layout).containsKey("LOGS_REVIEW_USERNAME")) {
                    files.add("LOGS_REVIEW_PASSWORD_FILE");
                }
                assertThat(env.keySet())
                        .as(layout + " " + app + ": every file setting is checked")
                        .allMatch(key -> !key.endsWith("_FILE") || files.contains(key));
                Map<String, Volume> volumes = pod(app, layout).getSpec().getVolumes().stream()
                        .collect(Collectors.toMap(Volume::getName, v -> v));
                for (String setting : files) {
                    String file = env.get(setting);
                    assertThat(file).as(layout + " " + app + " " + setting).isNotNull();
                    VolumeMount mount = container.getVolumeMounts().stream()
                            .filter(m -> file.startsWith(m.getMountPath() + "/"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(setting + "=" + file + " is on no mounted volume"));
                    assertThat(mount.getReadOnly()).isTrue();
                    assertThat(mount.getSubPath())
                            .as("a subPath mount is never updated: rotation needs the whole folder")
                            .isNull();
                    Volume volume = volumes.get(mount.getName());
                    assertThat(volume.getSecret())
                            .as(setting + " comes from a Secret")
                            .isNotNull();
                    assertThat(volume.getSecret().getDefaultMode())
                            .as("readable by the app's group only")
                            .isEqualTo(0440);
                }
            }
            assertThat(configuration(layout).keySet())
                    .as("no secret in a ConfigMap")
                    .noneMatch(key ->
                            key.matches(".*(PASSWORD|SECRET|TOKEN|ACCESS_KEY|CREDENTIAL).*") && !key.endsWith("_FILE"));
        }
    }

    @Test
    void eachPodThatKeepsStateHasAClaimedVolumeOfItsOwnAndOneMachinesWorthRunsOneOfEach() {
        for (String layout : layouts.keySet()) {
            for (String app : STATEFUL) {
                StatefulSet set = statefulSet(app, layout);
                assertThat(set.getSpec().getVolumeClaimTemplates())
                        .as(layout + " " + app)
                        .singleElement()
                        .satisfies(claim -> {
                            assertThat(claim.getMetadata().getName()).isEqualTo("data");
                            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
                            assertThat(claim.getSpec().getResources().getRequests())
                                    .containsKey("storage");
                        });
                assertThat(set.getSpec().getTemplate().getSpec().getVolumes())
                        .as("/data is the claim's, not a pod volume")
                        .noneMatch(v -> v.getName().equals("data"));
                assertThat(all(layout, Service.class))
                        .as("the set's Service")
                        .anyMatch(s ->
                                s.getMetadata().getName().equals(set.getSpec().getServiceName()));
            }
        }
        // the embedded index is one pod's: a second would index on its own
        assertThat(statefulSet("logs-web", SINGLE).getSpec().getReplicas()).isEqualTo(1);
        assertThat(statefulSet("git-web", SINGLE).getSpec().getReplicas()).isEqualTo(1);
        assertThat(configuration(SINGLE)).doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "LOGS_SEARCH_OPENSEARCH_HOSTS");
    }

    @Test
    void theScaledFolderRunsScaleMdsReplicasOverKafkaZooKeeperOpenSearchAndOneBuildsDatabase() throws IOException {
        String scale = Files.readString(DEPLOY.resolve("SCALE.md"));
        for (String app : APPS) {
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| " + app + " \\| (\\d+) replicas")
                    .matcher(scale);
            assertThat(row.find()).as("SCALE.md sizes " + app).isTrue();
            HasMetadata workload = app.equals("status-web") ? deployment(app, SCALED) : statefulSet(app, SCALED);
            Integer replicas = workload instanceof Deployment d
                    ? d.getSpec().getReplicas()
                    : ((StatefulSet) workload).getSpec().getReplicas();
            assertThat(replicas).as(app + ": the replicas SCALE.md names").isEqualTo(Integer.parseInt(row.group(1)));
            assertThat(replicas).as(app + ": several, so that one may be lost").isGreaterThan(1);
        }
        Map<String, String> settings = configuration(SCALED);
        assertThat(settings)
                .containsKeys("KAFKA_BOOTSTRAP_SERVERS", "ZOOKEEPER_CONNECT", "LOGS_SEARCH_OPENSEARCH_HOSTS");
        assertThat(settings.get("KAFKA_BOOTSTRAP_SERVERS").split(","))
                .as("SCALE.md's three brokers")
                .hasSize(3);
        assertThat(scale).contains("replication factor 3");
        assertThat(settings)
                .containsEntry("GERRIT_KAFKA_REPLICATION_FACTOR", "3")
                .containsEntry("LOGS_INGEST_KAFKA_REPLICATION_FACTOR", "3");
        int partitions = Integer.parseInt(settings.get("LOGS_INGEST_KAFKA_PARTITIONS"));
        assertThat(partitions)
                .as("every logs-web replica fetches")
                .isGreaterThanOrEqualTo(
                        statefulSet("logs-web", SCALED).getSpec().getReplicas());
        assertThat(scale).contains("| `logs-ingest` | " + partitions + " |");
        // logs-web's replicas list every build from one database, not each from an H2 of its own
        assertThat(settings.get("DATASOURCES_DEFAULT_URL")).startsWith("jdbc:postgresql://");
        assertThat(configuration(SINGLE)).doesNotContainKey("DATASOURCES_DEFAULT_URL");
        assertThat(pod("logs-web", SCALED).getSpec().getVolumes())
                .filteredOn(volume -> volume.getSecret() != null)
                .extracting(volume -> volume.getSecret().getSecretName())
                .contains("opencontrail-builds-database");
        assertThat(pod("logs-web", SCALED).getSpec().getContainers().get(0).getEnv())
                .anySatisfy(variable -> {
                    assertThat(variable.getName()).isEqualTo("LOGS_DATABASE_PASSWORD_FILE");
                    assertThat(variable.getValue()).startsWith("/run/secrets/builds-database/");
                });
        // what stays of the single folder: the settings of Gerrit, Zuul and S3
        assertThat(settings).containsAllEntriesOf(configuration(SINGLE));
    }

    @Test
    void eachSiteHasAServiceAnIngressOnItsHostNameAndADisruptionBudget() {
        Map<String, String> hosts = Map.of("status-web", "status.", "logs-web", "logs.", "git-web", "git.");
        for (String layout : layouts.keySet()) {
            for (String app : APPS) {
                Map<String, String> labels = pod(app, layout).getMetadata().getLabels();
                Service service = all(layout, Service.class).stream()
                        .filter(s -> s.getMetadata().getName().equals(app))
                        .findFirst()
                        .orElseThrow();
                assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector());
                assertThat(service.getSpec().getPorts())
                        .anyMatch(p -> new IntOrString("http").equals(p.getTargetPort()));
                Ingress ingress = all(layout, Ingress.class).stream()
                        .filter(i -> i.getMetadata().getName().equals(app))
                        .findFirst()
                        .orElseThrow();
                assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
                    assertThat(rule.getHost()).startsWith(hosts.get(app));
                    assertThat(rule.getHttp().getPaths())
                            .singleElement()
                            .satisfies(path -> assertThat(
                                            path.getBackend().getService().getName())
                                    .isEqualTo(app));
                });
                assertThat(ingress.getSpec().getTls())
                        .singleElement()
                        .satisfies(tls -> assertThat(tls.getHosts()).hasSize(1));
                PodDisruptionBudget budget = all(layout, PodDisruptionBudget.class).stream()
                        .filter(b -> labels.entrySet()
                                .containsAll(b.getSpec()
                                        .getSelector()
                                        .getMatchLabels()
                                        .entrySet()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no disruption budget for " + app));
                assertThat(budget.getSpec().getMinAvailable() != null
                                || budget.getSpec().getMaxUnavailable() != null)
                        .isTrue();
            }
        }
    }

    private Map<String, String> configuration(String layout) {
        return all(layout, ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("opencontrail"))
                .findFirst()
                .orElseThrow()
                .getData();
    }

    private Deployment deployment(String name, String layout) {
        return all(layout, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private StatefulSet statefulSet(String name, String layout) {
        return all(layout, StatefulSet.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The pods of an app, whichever kind of workload makes them. */
    private PodTemplateSpec pod(String app, String layout) {
        return app.equals("status-web")
                ? deployment(app, layout).getSpec().getTemplate()
                : statefulSet(app, layout).getSpec().getTemplate();
    }

    private Container container(String app, String layout) {
        return pod(app, layout).getSpec().getContainers().get(0);
    }

    private static List<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream()
                .map(VolumeMount::getMountPath)
                .toList();
    }

    private <T> List<T> all(String layout, Class<T> type) {
        return layouts.get(layout).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Every value the API types did not know (kept by fabric8 as additional properties), with where it was. */
    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, unknown));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!getter.getName().startsWith("get")
                    || getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(field, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
