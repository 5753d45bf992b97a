package io.tensorwasm.ops.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The committed Alertmanager configuration, {@value #RESOURCE}, and the same configuration pointed
 * at another console: a test's console on a free port, or a production host.
 *
 * <pre>{@code
 * String yaml = AlertmanagerConfig.withConsole("http://127.0.0.1:" + port + "/hooks/alertmanager",
 *         tokenFile);
 * try (AlertmanagerServer am = AlertmanagerServer.start(yaml)) { ... }
 * }</pre>
 */
public final class AlertmanagerConfig {

    /** The classpath location of the committed configuration. */
    public static final String RESOURCE = "/alertmanager/alertmanager.yml";

    private AlertmanagerConfig() {}

    /** The committed configuration as a YAML tree. */
    public static JsonNode load() {
        try (InputStream in = AlertmanagerConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + ": not on the classpath");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed routes and receivers, every webhook sent to the URL with the token file. */
    public static String withConsole(String webhookUrl, Path credentialsFile) {
        JsonNode config = load();
        for (JsonNode receiver : config.path("receivers")) {
            for (JsonNode webhook : receiver.path("webhook_configs")) {
                ((ObjectNode) webhook).put("url", webhookUrl);
                ((ObjectNode) webhook.path("http_config").path("authorization"))
                        .put("credentials_file", credentialsFile.toAbsolutePath().toString());
            }
        }
        try {
            return YAMLMapper.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build()
                    .writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
