package io.tensorwasm.ops.web.home;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert firing now.
 *
 * @param name the alert name ({@code alertname})
 * @param severity its {@code severity} label, or empty
 * @param startsAt when it started firing
 * @param fingerprint Alertmanager's fingerprint of its labels
 * @param runbookUrl its {@code runbook_url} annotation, or empty
 */
public record FiringAlert(
        String name, String severity, Instant startsAt, String fingerprint, String runbookUrl) {

    public FiringAlert {
        Objects.requireNonNull(name, "name");
        severity = severity == null ? "" : severity;
        Objects.requireNonNull(startsAt, "startsAt");
        fingerprint = fingerprint == null ? "" : fingerprint;
        runbookUrl = runbookUrl == null ? "" : runbookUrl;
    }
}
