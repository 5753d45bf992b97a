package io.tensorwasm.ops.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code twops start} prints once the loop runs: every URL, each checked to answer, where the
 * tokens and logs are, and which parts run. Tokens are never printed, only their files.
 */
final class StartReport {

    private static final String FORMAT = "  %-13s %s%n";

    private final PrintWriter out;
    private final List<String> running = new ArrayList<>();
    private final List<String> notRunning = new ArrayList<>();

    StartReport(PrintWriter out) {
        this.out = out;
    }

    /**
     * One line: the part's URL if its health URL answers 200, else what is wrong.
     *
     * @param label the line's label
     * @param part the part's name in the running and not running lines
     */
    void url(String label, String part, URI base, String health, String detail) {
        String url = base.toString().endsWith("/") ? base.toString() : base + "/";
        if (answers(base.resolve(health))) {
            line(label, url + (detail.isEmpty() ? "" : "  " + detail));
            running.add(part);
        } else {
            line(label, url + " does not answer on " + health + "; the console shows it as down");
            notRunning.add(part + " (does not answer)");
        }
    }

    /** A part that runs nowhere, and why. */
    void absent(String part, String why) {
        notRunning.add(part + " (" + why + ")");
    }

    /** Another line of the report. */
    void line(String label, String text) {
        out.printf(FORMAT, label, text);
    }

    /** The lines that say which parts run and how to stop them, then flushes. */
    void finish(Path dataDir) {
        line("running", String.join(", ", running));
        if (!notRunning.isEmpty()) {
            line("not running", String.join("; ", notRunning));
        }
        out.println(
                "Ctrl-C stops everything; starting again keeps every record under "
                        + dataDir
                        + "/.");
        out.flush();
    }

    static boolean answers(URI health) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException ignored) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
