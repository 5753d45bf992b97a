package io.tensorwasm.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.store.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

/**
 * The console's schema after the split of {@code web} into {@code oncall}, {@code drills} and
 * {@code web}: each module ships its own migrations under the one Flyway location {@code db/web},
 * recorded in the one {@code web_schema_history}, so a database made before the split opens
 * unchanged, and takes the migrations that came after. {@code legacy/console-cf359db.sql} is H2's
 * {@code SCRIPT} of a console database that the code of commit cf359db created (its migrations, an
 * admin token, an incident).
 */
class ConsoleSchemaTest {

    private static final String LEGACY = "classpath:legacy/console-cf359db.sql";

    @Test
    void aDatabaseCreatedBeforeTheSplitGetsOnlyTheNewerMigrationsAndItsRecordsReadBack()
            throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection keep = DriverManager.getConnection(url, "sa", "");
                Statement s = keep.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + LEGACY + "'");
            List<String> before = history(keep);
            assertThat(before).hasSize(8);

            try (Database database = Database.open(url, "sa", "")) {
                JdbcExecutionStore.over(database.dataSource(), Duration.ofSeconds(30)).close();
                List<String> after = history(keep);
                assertThat(after.subList(0, before.size()))
                        .as("nothing applied again, no checksum changed")
                        .isEqualTo(before);
                assertThat(after.subList(before.size(), after.size()))
                        .as("only what came after cf359db")
                        .extracting(row -> row.split(" ")[1])
                        .containsExactly(
                                "V60__alert_outbox.sql",
                                "V70__schedules.sql",
                                "V71__slack.sql",
                                "V73__runbook_promotion.sql",
                                "V80__one_incident_per_fault.sql",
                                "V81__lead_joined.sql");
                Incident incident =
                        new IncidentStore(database.dataSource())
                                .findByKey("fp-legacy@2026-12-01T03:00:00Z")
                                .orElseThrow();
                assertThat(incident.title())
                        .isEqualTo("TensorWasmAvailabilityFastBurn on 127.0.0.1:8080");
                assertThat(new IncidentStore(database.dataSource()).timeline(incident.id()))
                        .hasSize(1);
                assertThat(new TokenStore(database.dataSource(), Clock.systemUTC()).list())
                        .extracting(Principal::name)
                        .containsExactly("ada admin");
            }
        }
    }

    @Test
    void theOneLocationResolvesEachModulesMigrationsFromItsOwnJar() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Database database = Database.open(url, "sa", "")) {
            assertThat(database.reachable()).isTrue();
            MigrationInfo[] applied =
                    Flyway.configure()
                            .dataSource(url, "sa", "")
                            .locations("classpath:db/web")
                            .table("web_schema_history")
                            .placeholders(java.util.Map.of("binary", "BLOB"))
                            .load()
                            .info()
                            .applied();
            List<String> where = new ArrayList<>();
            for (MigrationInfo m : applied) {
                if (m.getPhysicalLocation() != null && !m.getPhysicalLocation().isEmpty()) {
                    where.add(m.getScript() + " " + module(m.getPhysicalLocation()));
                }
            }
            assertThat(where)
                    .containsExactly(
                            "V1__console_tokens.sql oncall",
                            "V2__check_polls.sql oncall",
                            "V20__alerts_incidents_pages.sql oncall",
                            "V30__quartz_tables.sql drills",
                            "V31__drill_runs.sql drills",
                            "V40__incident_remediation.sql oncall",
                            "V50__test_pages.sql oncall",
                            "V60__alert_outbox.sql oncall",
                            "V70__schedules.sql oncall",
                            "V71__slack.sql oncall",
                            "V73__runbook_promotion.sql oncall",
                            "V80__one_incident_per_fault.sql oncall",
                            "V81__lead_joined.sql oncall");
        }
    }

    /** The module a migration's file or jar belongs to: {@code .../oncall/target/classes/...}. */
    private static String module(String location) {
        for (String module : List.of("oncall", "drills", "web")) {
            if (location.contains("/" + module + "/target/")
                    || location.contains("/" + module + "-")) {
                return module;
            }
        }
        return location;
    }

    private static List<String> history(Connection c) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "select \"version\", \"script\", \"checksum\" from"
                                        + " \"web_schema_history\" order by \"installed_rank\"")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return rows;
    }
}
