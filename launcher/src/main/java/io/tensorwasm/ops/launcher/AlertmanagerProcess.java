package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.alerts.AlertmanagerConfig;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.web.ConsoleServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Alertmanager as a child process of {@code twops start}: the shipped routing, every webhook
 * pointed at this console's {@code /hooks/alertmanager} with the console's token file. Gossip is
 * off, so it binds one port. Its configuration and storage live under {@code
 * DATA_DIR/alertmanager}, its log in {@code DATA_DIR/logs/alertmanager.log}.
 */
final class AlertmanagerProcess {

    private AlertmanagerProcess() {}

    /**
     * The child listening on {@code listen}.
     *
     * @param dataDir the data directory, which holds the console's webhook token file that
     *     Alertmanager reads at each delivery
     * @param webhook the console's webhook URL
     */
    static Child child(Path binary, URI listen, Path dataDir, URI webhook) {
        Path data = dataDir.toAbsolutePath();
        Path tokenFile = data.resolve(ConsoleServer.WEBHOOK_TOKEN_FILE);
        Path home = PrivateFiles.directory(data.resolve("alertmanager"));
        Path config =
                PrivateFiles.write(
                        home.resolve("alertmanager.yml"),
                        "# Written by twops start at every start from the shipped routing; edits"
                                + " are lost.\n"
                                + AlertmanagerConfig.withConsole(webhook.toString(), tokenFile));
        return Child.prometheusFamily(
                "Alertmanager",
                binary,
                listen,
                data,
                config,
                // An empty address turns gossip off: no second port.
                List.of("--storage.path=" + home.resolve("storage"), "--cluster.listen-address="));
    }
}
