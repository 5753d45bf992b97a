package io.tensorwasm.ops.oncall.schedule;

import io.tensorwasm.ops.oncall.store.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Escalation policies in the console's database, each written whole with its tiers. */
public final class PolicyStore {

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Clock clock;

    /** A store over the console's database. */
    public PolicyStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource, "escalation policies");
        this.clock = clock;
    }

    /** Writes the policy, replacing one of the same name. */
    public void save(EscalationPolicy policy) {
        Sql.transaction(
                dataSource,
                "escalation policy " + policy.name(),
                c -> {
                    Sql.update(c, "delete from escalation_policy where name = ?", policy.name());
                    Sql.update(
                            c,
                            "insert into escalation_policy (name, source, updated_at)"
                                    + " values (?, ?, ?)",
                            policy.name(),
                            policy.source(),
                            clock.instant());
                    for (int i = 0; i < policy.tiers().size(); i++) {
                        PolicyTier tier = policy.tiers().get(i);
                        Sql.update(
                                c,
                                "insert into escalation_tier (policy_name, position,"
                                        + " schedule_name, person, ack_timeout_seconds)"
                                        + " values (?, ?, ?, ?, ?)",
                                policy.name(),
                                i,
                                tier.schedule().orElse(null),
                                tier.person().orElse(null),
                                tier.ackTimeout().toSeconds());
                    }
                });
    }

    /** The policy of that name. */
    public Optional<EscalationPolicy> policy(String name) {
        List<String> source =
                jdbc.query(
                        "select source from escalation_policy where name = ?",
                        s -> s.setString(1, name),
                        rs -> rs.getString(1));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        List<PolicyTier> tiers =
                jdbc.query(
                        "select * from escalation_tier where policy_name = ? order by position",
                        s -> s.setString(1, name),
                        rs ->
                                new PolicyTier(
                                        Optional.ofNullable(rs.getString("schedule_name")),
                                        Optional.ofNullable(rs.getString("person")),
                                        Duration.ofSeconds(rs.getLong("ack_timeout_seconds"))));
        return Optional.of(new EscalationPolicy(name, tiers, source.get(0)));
    }

    /** Every policy, by name. */
    public Map<String, EscalationPolicy> policies() {
        Map<String, EscalationPolicy> all = new LinkedHashMap<>();
        for (String name :
                jdbc.query(
                        "select name from escalation_policy order by name",
                        s -> {},
                        rs -> rs.getString(1))) {
            policy(name).ifPresent(p -> all.put(name, p));
        }
        return all;
    }
}
