package io.tensorwasm.ops.oncall.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Secrets that every console node must share, kept in the database: the first node to ask creates
 * one, and the primary key makes a racing second node read the winner's value.
 */
public final class ConsoleSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    /** Secrets in the console's database. */
    public ConsoleSecrets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The named secret, created at random on first use. */
    public String named(String name) {
        return read(name)
                .orElseGet(
                        () -> {
                            byte[] random = new byte[48];
                            RANDOM.nextBytes(random);
                            insertIfAbsent(
                                    name,
                                    Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                            return read(name)
                                    .orElseThrow(
                                            () ->
                                                    new IllegalStateException(
                                                            "secret "
                                                                    + name
                                                                    + " vanished after insert"));
                        });
    }

    private Optional<String> read(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "select secret_value from console_secret where name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console secret " + name, e);
        }
    }

    private void insertIfAbsent(String name, String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "insert into console_secret (name, secret_value) values (?, ?)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.executeUpdate();
        } catch (SQLException racedWithAnotherNode) {
            // Another node inserted first; the caller reads its value.
        }
    }
}
