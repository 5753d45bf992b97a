package io.tensorwasm.ops.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The panels of Grafana dashboards, read from their JSON model: uid, then panel id and title,
 * nested row panels included. A {@code dashboard_url} points at a panel when its {@code /d/UID} and
 * its {@code viewPanel} name one here.
 */
final class DashboardPanels {

    /** The dashboard shipped with the platform. */
    static final String SHIPPED = "/dashboards/tensor-wasm-overview.json";

    private static final Pattern PATH = Pattern.compile("/d/([^/?#]+)");
    private static final Pattern VIEW_PANEL = Pattern.compile("(?:^|&)viewPanel=(?:panel-)?(\\d+)");

    private final Map<String, Map<Integer, String>> panels;

    private DashboardPanels(Map<String, Map<Integer, String>> panels) {
        this.panels = Map.copyOf(panels);
    }

    /** The panels of the files, or of the shipped dashboard when none is given. */
    static DashboardPanels read(List<Path> files) {
        Map<String, Map<Integer, String>> all = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            if (files.isEmpty()) {
                try (InputStream in = DashboardPanels.class.getResourceAsStream(SHIPPED)) {
                    if (in == null) {
                        throw new IllegalStateException(SHIPPED + ": not on the class path");
                    }
                    add(json.readTree(in), all);
                }
            }
            for (Path file : files) {
                add(json.readTree(Files.readString(file)), all);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a dashboard: " + e.getMessage(), e);
        }
        return new DashboardPanels(all);
    }

    /**
     * Where a dashboard URL points: the panel's title, or why it points nowhere, e.g. {@code
     * dashboard tensor-wasm-overview has no panel 42}.
     */
    Resolution resolve(String dashboardUrl) {
        URI url;
        try {
            url = URI.create(dashboardUrl);
        } catch (IllegalArgumentException e) {
            return Resolution.nowhere(dashboardUrl + " is not a URL");
        }
        Matcher uid = PATH.matcher(url.getPath() == null ? "" : url.getPath());
        if (!uid.find()) {
            return Resolution.nowhere(dashboardUrl + " names no dashboard (/d/UID)");
        }
        Map<Integer, String> byId = panels.get(uid.group(1));
        if (byId == null) {
            return Resolution.nowhere("no dashboard has uid " + uid.group(1));
        }
        Matcher panel = VIEW_PANEL.matcher(url.getRawQuery() == null ? "" : url.getRawQuery());
        if (!panel.find()) {
            return Resolution.nowhere(dashboardUrl + " names no panel (viewPanel=ID)");
        }
        int id = Integer.parseInt(panel.group(1));
        return Optional.ofNullable(byId.get(id))
                .map(
                        title ->
                                new Resolution(
                                        true, uid.group(1) + " panel " + id + " (" + title + ")"))
                .orElseGet(
                        () ->
                                Resolution.nowhere(
                                        "dashboard " + uid.group(1) + " has no panel " + id));
    }

    /**
     * Where a URL led.
     *
     * @param found whether it names an existing panel
     * @param text the panel, or why not
     */
    record Resolution(boolean found, String text) {
        static Resolution nowhere(String why) {
            return new Resolution(false, why);
        }
    }

    private static void add(JsonNode dashboard, Map<String, Map<Integer, String>> into) {
        String uid = dashboard.path("uid").asText("");
        if (uid.isEmpty()) {
            return;
        }
        Map<Integer, String> byId = into.computeIfAbsent(uid, k -> new HashMap<>());
        collect(dashboard.path("panels"), byId);
    }

    private static void collect(JsonNode panels, Map<Integer, String> byId) {
        for (JsonNode panel : panels) {
            if (panel.has("id")) {
                byId.put(panel.get("id").asInt(), panel.path("title").asText(""));
            }
            collect(panel.path("panels"), byId);
        }
    }
}
