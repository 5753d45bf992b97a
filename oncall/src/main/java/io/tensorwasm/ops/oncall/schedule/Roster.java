package io.tensorwasm.ops.oncall.schedule;

import io.tensorwasm.ops.oncall.store.Jdbc;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The people who can be on call, in the console's database. */
public final class Roster {

    private final Jdbc jdbc;

    /** A roster over the console's database. */
    public Roster(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "people");
    }

    /** Writes a person, replacing one of the same name. */
    public void save(Person person) {
        jdbc.update("delete from oncall_person where name = ?", s -> s.setString(1, person.name()));
        jdbc.update(
                "insert into oncall_person (name, email, source) values (?, ?, ?)",
                s -> {
                    s.setString(1, person.name());
                    s.setString(2, person.email().orElse(null));
                    s.setString(3, person.source());
                });
    }

    /** Everyone, by name. */
    public List<Person> people() {
        return jdbc.query(
                "select * from oncall_person order by name",
                s -> {},
                rs ->
                        new Person(
                                rs.getString("name"),
                                Optional.ofNullable(rs.getString("email")),
                                rs.getString("source")));
    }

    /** The person with that email, ignoring case. */
    public Optional<Person> byEmail(String email) {
        return people().stream()
                .filter(p -> p.email().map(e -> e.equalsIgnoreCase(email)).orElse(false))
                .findFirst();
    }
}
