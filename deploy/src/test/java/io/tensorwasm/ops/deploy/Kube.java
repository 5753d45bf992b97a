package io.tensorwasm.ops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects read with fabric8's model: each YAML document becomes the model class of its
 * kind, so a misspelt field of a known kind is caught (it lands in the model's additional
 * properties, which {@link #unknownFields} reports) and a wrong type fails to read.
 */
final class Kube {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Class<? extends HasMetadata>> KINDS =
            Map.of(
                    "Namespace", Namespace.class,
                    "Deployment", Deployment.class,
                    "Service", Service.class,
                    "Secret", Secret.class,
                    "PersistentVolumeClaim", PersistentVolumeClaim.class);

    private Kube() {}

    /** The objects of every document of a YAML text; empty documents are left out. */
    static List<HasMetadata> read(String yaml, String where) {
        List<HasMetadata> objects = new ArrayList<>();
        try (YAMLParser parser = ((YAMLFactory) YAML.getFactory()).createParser(yaml)) {
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node == null || node.isNull() || node.isEmpty()) {
                    continue;
                }
                String kind = node.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                if (type == null) {
                    throw new IllegalArgumentException(
                            where + ": a " + kind + " is no kind these files hold");
                }
                HasMetadata object = JSON.treeToValue(node, type);
                List<String> unknown = new ArrayList<>();
                unknownFields(object, kind, unknown);
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException(where + ": unknown fields " + unknown);
                }
                objects.add(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": not Kubernetes YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    static List<HasMetadata> readFile(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field the model did not know, at any depth, as a path. */
    static void unknownFields(Object object, String path, List<String> unknown) {
        if (object == null) {
            return;
        }
        if (object instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (!(object instanceof KubernetesResource)) {
            return;
        }
        for (var method : object.getClass().getMethods()) {
            if (method.getParameterCount() != 0
                    || !method.getName().startsWith("get")
                    || method.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(object);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
            } else {
                unknownFields(value, path + "." + method.getName().substring(3), unknown);
            }
        }
    }

    static <T> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }
}
