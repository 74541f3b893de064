package org.opencontrail.web.deploy.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code kubectl kustomize DIR} makes of the suite's folders, for machines without kubectl:
 * resources (files and folders), patches merged the strategic way (maps key by key, the lists the
 * Kubernetes API merges by a key, {@code $patch: delete}), {@code replicas}, {@code images},
 * {@code namespace} and {@code labels}. Only what the suite's folders use; anything else in a
 * kustomization.yaml is refused, and {@code KubernetesManifestsTest} checks the result against
 * kubectl's wherever kubectl is installed.
 */
final class KustomizeBuild {

    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "namespace", "labels", "resources", "patches", "replicas", "images");
    /** The lists the Kubernetes API merges item by item, and the key of their items. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers",
            "name",
            "initContainers",
            "name",
            "env",
            "name",
            "volumes",
            "name",
            "volumeMounts",
            "mountPath",
            "ports",
            "containerPort",
            "imagePullSecrets",
            "name");

    private static final Set<String> CLUSTER_WIDE =
            Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** The objects the folder's kustomization.yaml makes, as plain maps. */
    List<Map<String, Object>> build(Path dir) throws IOException {
        Map<String, Object> kustomization =
                map(yaml.readValue(dir.resolve("kustomization.yaml").toFile(), Map.class));
        List<String> unknown = kustomization.keySet().stream()
                .filter(field -> !FIELDS.contains(field))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    dir + "/kustomization.yaml: fields this build does not know: " + unknown);
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = dir.resolve((String) resource).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : documents(path));
        }
        for (Object entry : list(kustomization.get("patches"))) {
            for (Map<String, Object> patch :
                    documents(dir.resolve((String) map(entry).get("path")))) {
                patch(objects, patch);
            }
        }
        for (Object entry : list(kustomization.get("replicas"))) {
            Map<String, Object> replicas = map(entry);
            objects.stream()
                    .filter(o -> name(o).equals(replicas.get("name"))
                            && Set.of("Deployment", "StatefulSet").contains(o.get("kind")))
                    .forEach(o -> map(o.get("spec")).put("replicas", replicas.get("count")));
        }
        for (Object entry : list(kustomization.get("images"))) {
            setImage(objects, map(entry));
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            objects.stream()
                    .filter(o -> !CLUSTER_WIDE.contains(o.get("kind")))
                    .forEach(o -> metadata(o).put("namespace", namespace));
        }
        for (Object entry : list(kustomization.get("labels"))) {
            Map<String, Object> pairs = map(map(entry).get("pairs"));
            for (Map<String, Object> object : objects) {
                Map<String, Object> labels =
                        map(metadata(object).computeIfAbsent("labels", k -> new LinkedHashMap<>()));
                labels.putAll(pairs);
            }
        }
        return objects;
    }

    private List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            documents.add(map(yaml.readValue(document, Map.class)));
        }
        return documents;
    }

    private static void patch(List<Map<String, Object>> objects, Map<String, Object> patch) {
        Map<String, Object> target = objects.stream()
                .filter(o -> o.get("kind").equals(patch.get("kind")) && name(o).equals(name(patch)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "a patch of " + patch.get("kind") + " " + name(patch) + ", which is not there"));
        if ("delete".equals(patch.get("$patch"))) {
            objects.remove(target);
        } else {
            merge(target, patch);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((field, value) -> {
            Object present = target.get(field);
            if (value == null) {
                target.remove(field);
            } else if (present instanceof Map<?, ?> presentMap && value instanceof Map<?, ?> valueMap) {
                merge((Map<String, Object>) presentMap, (Map<String, Object>) valueMap);
            } else if (present instanceof List<?> presentList
                    && value instanceof List<?> valueList
                    && MERGE_KEYS.containsKey(field)) {
                String key = MERGE_KEYS.get(field);
                List<Object> merged = new ArrayList<>((List<Object>) presentList);
                for (Object item : valueList) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    merged.stream()
                            .map(m -> (Map<String, Object>) m)
                            .filter(m -> m.get(key).equals(patchItem.get(key)))
                            .findFirst()
                            .ifPresentOrElse(m -> merge(m, patchItem), () -> merged.add(patchItem));
                }
                target.put(field, merged);
            } else {
                target.put(field, value);
            }
        });
    }

    private static void setImage(List<Map<String, Object>> objects, Map<String, Object> image) {
        for (Map<String, Object> object : objects) {
            Object spec = object.get("spec");
            if (!(spec instanceof Map<?, ?>) || !(map(spec).get("template") instanceof Map<?, ?> template)) {
                continue;
            }
            for (Object container : list(map(map(template).get("spec")).get("containers"))) {
                Map<String, Object> c = map(container);
                String current = (String) c.get("image");
                String name = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                if (name.equals(image.get("name"))) {
                    String newName = image.get("newName") instanceof String n ? n : name;
                    String tag = image.get("newTag") instanceof String t ? t : current.substring(name.length() + 1);
                    c.put("image", newName + ":" + tag);
                }
            }
        }
    }

    private static String name(Map<String, Object> object) {
        return (String) metadata(object).get("name");
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        return map(object.get("metadata"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
