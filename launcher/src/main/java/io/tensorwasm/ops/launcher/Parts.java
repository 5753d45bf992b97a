package io.tensorwasm.ops.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which parts of the loop {@code twops start} runs here, which it uses elsewhere, and which it
 * cannot run because their program is missing.
 *
 * @param urls where each part answers
 * @param localRuntime whether the runtime starts here
 * @param prometheus the Prometheus binary to start here, if one starts here
 * @param alertmanager the Alertmanager binary to start here, if one starts here
 * @param monitoringOff whether {@code --no-monitoring} was given
 * @param missing one line for each monitoring program that should start here but is missing
 */
record Parts(
        LoopUrls urls,
        boolean localRuntime,
        Optional<Path> prometheus,
        Optional<Path> alertmanager,
        boolean monitoringOff,
        List<String> missing) {

    Parts {
        missing = List.copyOf(missing);
    }

    /** The parts the options ask for, the monitoring programs looked up on {@code PATH}. */
    static Parts of(StartCommand options) {
        String host =
                options.bind.equals("0.0.0.0") || options.bind.equals("::")
                        ? "127.0.0.1"
                        : options.bind;
        URI runtime =
                options.runtimeUrl != null
                        ? options.runtimeUrl
                        : URI.create("http://" + options.bind + ":" + options.ports.runtime);
        URI console =
                options.drills.consoleUrl() != null
                        ? options.drills.consoleUrl()
                        : URI.create("http://" + host + ":" + options.ports.console);
        List<String> missing = new ArrayList<>();
        Optional<Path> prometheus =
                ownMonitoring(options, options.prometheusUrl, Binaries.PROMETHEUS, missing);
        Optional<Path> alertmanager =
                ownMonitoring(options, options.alertmanagerUrl, Binaries.ALERTMANAGER, missing);
        Optional<URI> prometheusUrl =
                prometheus.isPresent()
                        ? Optional.of(URI.create("http://" + host + ":" + options.ports.prometheus))
                        : Optional.ofNullable(options.prometheusUrl);
        Optional<URI> alertmanagerUrl =
                alertmanager.isPresent()
                        ? Optional.of(
                                URI.create("http://" + host + ":" + options.ports.alertmanager))
                        : Optional.ofNullable(options.alertmanagerUrl);
        return new Parts(
                new LoopUrls(runtime, console, prometheusUrl, alertmanagerUrl),
                !options.noRuntime,
                prometheus,
                alertmanager,
                options.noMonitoring,
                missing);
    }

    private static Optional<Path> ownMonitoring(
            StartCommand options, URI external, Binaries binaries, List<String> missing) {
        if (options.noMonitoring || external != null) {
            return Optional.empty();
        }
        Optional<Path> binary = binaries.locate();
        if (binary.isEmpty()) {
            missing.add(binaries.missing());
        }
        return binary;
    }

    /** "the runtime, Prometheus, Alertmanager and the console": what starts here. */
    String describe() {
        List<String> names = new ArrayList<>();
        if (localRuntime) {
            names.add("the runtime");
        }
        prometheus.ifPresent(binary -> names.add("Prometheus"));
        alertmanager.ifPresent(binary -> names.add("Alertmanager"));
        names.add("the console");
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1))
                        + " and "
                        + names.get(names.size() - 1);
    }

    /** Why a monitoring program runs nowhere, when its URL is absent. */
    String whyAbsent() {
        return monitoringOff ? "--no-monitoring" : "not installed";
    }
}
