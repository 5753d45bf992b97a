package io.tensorwasm.ops.testkit;

import java.util.Objects;

/**
 * A command-line tool a test runs, with the Debian package that provides it.
 *
 * @param command the executable's file name
 * @param debianPackage the package to install when it is missing
 */
public record Tool(String command, String debianPackage) {

    public static final Tool PROMETHEUS = new Tool("prometheus", "prometheus");
    public static final Tool PROMTOOL = new Tool("promtool", "prometheus");
    public static final Tool ALERTMANAGER =
            new Tool("prometheus-alertmanager", "prometheus-alertmanager");
    public static final Tool AMTOOL = new Tool("amtool", "prometheus-alertmanager");
    public static final Tool CHROMIUM = new Tool("chromium", "chromium");
    public static final Tool CHROMEDRIVER = new Tool("chromedriver", "chromium-driver");
    public static final Tool WAT2WASM = new Tool("wat2wasm", "wabt");
    public static final Tool INITDB = new Tool("initdb", "postgresql");
    public static final Tool POSTGRES = new Tool("postgres", "postgresql");
    public static final Tool PG_CTL = new Tool("pg_ctl", "postgresql");
    public static final Tool PSQL = new Tool("psql", "postgresql-client");
    public static final Tool SYSTEMD_ANALYZE = new Tool("systemd-analyze", "systemd");

    public Tool {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(debianPackage, "debianPackage");
    }
}
