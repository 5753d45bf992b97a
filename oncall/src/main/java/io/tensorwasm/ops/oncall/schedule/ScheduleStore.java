package io.tensorwasm.ops.oncall.schedule;

import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Schedules in the console's database. A schedule is written whole, layers and overrides with it,
 * in one transaction; an override added from the console or the command line goes on top of the
 * ones it has.
 *
 * <pre>{@code
 * ScheduleStore store = new ScheduleStore(dataSource, clock);
 * store.save(schedule);
 * store.addOverride("primary", new ScheduleOverride(from, to, "Cy Diaz", "override"));
 * Optional<String> now = store.schedule("primary").flatMap(s -> s.holder(clock.instant()));
 * }</pre>
 */
public final class ScheduleStore {

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Clock clock;

    /** A store over the console's database. */
    public ScheduleStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource, "schedules");
        this.clock = clock;
    }

    /** Writes the schedule, replacing one of the same name with everything it had. */
    public void save(Schedule schedule) {
        Sql.transaction(
                dataSource,
                "schedule " + schedule.name(),
                c -> {
                    Sql.update(c, "delete from oncall_schedule where name = ?", schedule.name());
                    Sql.update(
                            c,
                            "insert into oncall_schedule (name, time_zone, source, updated_at)"
                                    + " values (?, ?, ?, ?)",
                            schedule.name(),
                            schedule.zone().getId(),
                            schedule.source(),
                            clock.instant());
                    insertLayers(c, schedule);
                    for (int i = 0; i < schedule.overrides().size(); i++) {
                        insertOverride(c, schedule.name(), i, schedule.overrides().get(i));
                    }
                });
    }

    private static void insertLayers(Connection c, Schedule schedule) throws SQLException {
        for (int i = 0; i < schedule.layers().size(); i++) {
            Layer layer = schedule.layers().get(i);
            Sql.update(
                    c,
                    "insert into oncall_layer (schedule_name, position, name, members, time_zone,"
                            + " start_local, shift_minutes, until_at) values (?, ?, ?, ?, ?, ?, ?,"
                            + " ?)",
                    schedule.name(),
                    i,
                    layer.name(),
                    String.join("\n", layer.members()),
                    layer.zone().getId(),
                    layer.start().toString(),
                    layer.shift().toMinutes(),
                    layer.until().orElse(null));
        }
    }

    private static void insertOverride(
            Connection c, String schedule, int position, ScheduleOverride o) throws SQLException {
        Sql.update(
                c,
                "insert into oncall_override (schedule_name, position, from_at, to_at, person,"
                        + " note) values (?, ?, ?, ?, ?, ?)",
                schedule,
                position,
                o.from(),
                o.to(),
                o.person(),
                o.note());
    }

    /** Puts overrides on top of a schedule's; false when there is no such schedule. */
    public boolean addOverrides(String name, List<ScheduleOverride> overrides) {
        boolean[] found = {false};
        Sql.transaction(
                dataSource,
                "overrides of " + name,
                c -> {
                    Optional<Schedule> schedule = read(name);
                    if (schedule.isEmpty()) {
                        return;
                    }
                    found[0] = true;
                    int next = schedule.get().overrides().size();
                    for (ScheduleOverride o : overrides) {
                        insertOverride(c, name, next++, o);
                    }
                });
        return found[0];
    }

    /** The schedule of that name. */
    public Optional<Schedule> schedule(String name) {
        return read(name);
    }

    /** Every schedule, by name. */
    public Map<String, Schedule> schedules() {
        Map<String, Schedule> all = new LinkedHashMap<>();
        for (String name :
                jdbc.query(
                        "select name from oncall_schedule order by name",
                        s -> {},
                        rs -> rs.getString(1))) {
            read(name).ifPresent(s -> all.put(name, s));
        }
        return all;
    }

    /** Deletes a schedule; false when there was none. */
    public boolean delete(String name) {
        return jdbc.update("delete from oncall_schedule where name = ?", s -> s.setString(1, name))
                == 1;
    }

    private Optional<Schedule> read(String name) {
        List<String[]> head =
                jdbc.query(
                        "select time_zone, source from oncall_schedule where name = ?",
                        s -> s.setString(1, name),
                        rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<Layer> layers =
                jdbc.query(
                        "select * from oncall_layer where schedule_name = ? order by position",
                        s -> s.setString(1, name),
                        ScheduleStore::layer);
        List<ScheduleOverride> overrides =
                jdbc.query(
                        "select * from oncall_override where schedule_name = ? order by position",
                        s -> s.setString(1, name),
                        rs ->
                                new ScheduleOverride(
                                        Sql.instant(rs, "from_at"),
                                        Sql.instant(rs, "to_at"),
                                        rs.getString("person"),
                                        rs.getString("note")));
        return Optional.of(
                new Schedule(name, ZoneId.of(head.get(0)[0]), layers, overrides, head.get(0)[1]));
    }

    private static Layer layer(ResultSet rs) throws SQLException {
        return new Layer(
                rs.getString("name"),
                Arrays.asList(rs.getString("members").split("\n")),
                ZoneId.of(rs.getString("time_zone")),
                LocalDateTime.parse(rs.getString("start_local")),
                Duration.ofMinutes(rs.getLong("shift_minutes")),
                Sql.maybeInstant(rs, "until_at"));
    }
}
