package org.opencontrail.web.deploy.files;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes read against the Kubernetes API types (fabric8's model), strictly: a field the
 * API does not have is an error, as the API server would refuse it. Then what an operator relies
 * on: probes on /health, requests and limits, non-root with a read-only root, Secrets as files,
 * volumes for the index and the mirrors, a Service, an Ingress per site and a disruption budget.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    private static final Path DIR = Path.of(System.getProperty("suite.root", "..")).resolve("deploy/kubernetes");
    private static final List<String> APPS = List.of("status-web", "logs-web", "git-web");

    /** kustomization.yaml's fields that this folder uses; anything else in it is a mistake. */
    record Kustomization(String apiVersion, String kind, String namespace, List<Map<String, Object>> labels,
                         List<String> resources, List<Image> images) {
    }

    record Image(String name, @JsonProperty("newName") String newName, @JsonProperty("newTag") String newTag) {
    }

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final List<HasMetadata> objects = new ArrayList<>();
    private Kustomization kustomization;

    @BeforeAll
    void read() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        kustomization = yaml.readValue(DIR.resolve("kustomization.yaml").toFile(), Kustomization.class);
        for (String resource : kustomization.resources()) {
            String text = Files.readString(DIR.resolve(resource));
            for (String document : text.split("(?m)^---\\s*$")) {
                if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                    continue;
                }
                Object object = serialization.unmarshal(document);
                assertThat(object).as(resource + ": a Kubernetes object").isInstanceOf(HasMetadata.class);
                List<String> unknown = new ArrayList<>();
                unknownFields(object, resource + ":" + ((HasMetadata) object).getKind(), unknown);
                assertThat(unknown).as("fields the Kubernetes API does not have").isEmpty();
                objects.add((HasMetadata) object);
            }
        }
    }

    @Test
    void theKustomizationNamesEveryManifestOfTheFolderAndEveryImage() throws IOException {
        assertThat(kustomization.apiVersion()).isEqualTo("kustomize.config.k8s.io/v1beta1");
        assertThat(kustomization.kind()).isEqualTo("Kustomization");
        try (Stream<Path> files = Files.list(DIR)) {
            Set<String> manifests = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
            assertThat(kustomization.resources()).containsExactlyInAnyOrderElementsOf(manifests);
        }
        Set<String> images = kustomization.images().stream().map(Image::name).collect(Collectors.toSet());
        for (Deployment deployment : all(Deployment.class)) {
            String image = container(deployment).getImage();
            assertThat(images).as("an images entry to point " + image + " at a registry").contains(image.substring(0, image.lastIndexOf(':')));
        }
    }

    @Test
    void everyAppIsADeploymentProbedOnHealthWithResourcesNonRootAndAReadOnlyRoot() {
        assertThat(all(Deployment.class)).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(APPS);
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = container(deployment);
            for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                assertThat(probe).as(name + " probes").isNotNull();
                // the app itself: /health and /health/readiness go DOWN with Gerrit or S3, which must not take the site away
                assertThat(probe.getHttpGet().getPath()).as(name).isEqualTo("/health/liveness");
                assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
            }
            assertThat(container.getPorts()).anyMatch(p -> "http".equals(p.getName()));
            assertThat(container.getResources().getRequests()).as(name + " requests").containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name + " limits").containsKey("memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as("the images' user").isEqualTo(10001L);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(mountPaths(container)).as(name + ": writable /data and /tmp on a read-only root").contains("/data", "/tmp");
        }
    }

    @Test
    void secretsAreFilesNamedByTheSettingsNeverEnvironmentValuesOrConfigMapKeys() {
        for (Deployment deployment : all(Deployment.class)) {
            Container container = container(deployment);
            assertThat(container.getEnv()).as("no secret in an environment variable")
                    .allMatch(env -> env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null);
            Map<String, String> env = container.getEnv().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
            List<String> files = new ArrayList<>(List.of("GERRIT_SSH_KEY_FILE", "GERRIT_SSH_KNOWN_HOSTS"));
            if (deployment.getMetadata().getName().equals("logs-web")) {
                files.addAll(List.of("LOGS_UPLOAD_TOKENS_FILE", "LOGS_S3_CREDENTIALS_FILE"));
            }
            Map<String, Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .collect(Collectors.toMap(Volume::getName, v -> v));
            for (String setting : files) {
                String file = env.get(setting);
                assertThat(file).as(deployment.getMetadata().getName() + " " + setting).isNotNull();
                VolumeMount mount = container.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/"))
                        .findFirst().orElseThrow(() -> new AssertionError(setting + "=" + file + " is on no mounted volume"));
                assertThat(mount.getReadOnly()).isTrue();
                assertThat(mount.getSubPath()).as("a subPath mount is never updated: rotation needs the whole folder").isNull();
                Volume volume = volumes.get(mount.getName());
                assertThat(volume.getSecret()).as(setting + " comes from a Secret").isNotNull();
                assertThat(volume.getSecret().getDefaultMode()).as("readable by the app's group only").isEqualTo(0440);
            }
        }
        for (ConfigMap config : all(ConfigMap.class)) {
            assertThat(config.getData().keySet()).as("no secret in a ConfigMap")
                    .noneMatch(key -> key.matches(".*(PASSWORD|SECRET|TOKEN|ACCESS_KEY|CREDENTIAL).*") && !key.endsWith("_FILE"));
        }
    }

    @Test
    void theIndexAndTheMirrorsAreOnClaimedVolumesWrittenByOnePodAtATime() {
        Map<String, PersistentVolumeClaim> claims = all(PersistentVolumeClaim.class).stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        for (String app : List.of("logs-web", "git-web")) {
            Deployment deployment = deployment(app);
            Volume data = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("data")).findFirst().orElseThrow();
            assertThat(data.getPersistentVolumeClaim()).as(app + " data on a claim").isNotNull();
            PersistentVolumeClaim claim = claims.get(data.getPersistentVolumeClaim().getClaimName());
            assertThat(claim).as(app + "'s claim is in the folder").isNotNull();
            assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
            assertThat(deployment.getSpec().getStrategy().getType()).as("the old pod lets go of the volume first").isEqualTo("Recreate");
        }
    }

    @Test
    void eachSiteHasAServiceAnIngressOnItsHostNameAndADisruptionBudget() {
        Map<String, String> hosts = Map.of("status-web", "status.", "logs-web", "logs.", "git-web", "git.");
        for (String app : APPS) {
            Map<String, String> labels = deployment(app).getSpec().getTemplate().getMetadata().getLabels();
            Service service = all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(app)).findFirst().orElseThrow();
            assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).anyMatch(p -> new IntOrString("http").equals(p.getTargetPort()));
            Ingress ingress = all(Ingress.class).stream().filter(i -> i.getMetadata().getName().equals(app)).findFirst().orElseThrow();
            assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
                assertThat(rule.getHost()).startsWith(hosts.get(app));
                assertThat(rule.getHttp().getPaths()).singleElement()
                        .satisfies(path -> assertThat(path.getBackend().getService().getName()).isEqualTo(app));
            });
            assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts()).hasSize(1));
            PodDisruptionBudget budget = all(PodDisruptionBudget.class).stream()
                    .filter(b -> labels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet())).findFirst()
                    .orElseThrow(() -> new AssertionError("no disruption budget for " + app));
            assertThat(budget.getSpec().getMinAvailable() != null || budget.getSpec().getMaxUnavailable() != null).isTrue();
        }
    }

    private Deployment deployment(String name) {
        return all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }

    private <T> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
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
            if (!getter.getName().startsWith("get") || getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
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
