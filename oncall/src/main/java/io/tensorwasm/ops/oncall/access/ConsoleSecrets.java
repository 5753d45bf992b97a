package io.tensorwasm.ops.oncall.access;

import io.tensorwasm.ops.oncall.store.PrivateFiles;
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
 * one, and the primary key makes a racing second node read the winner's value. A key the console
 * signs with ({@link #named}) is kept as it is; a token it only compares ({@link #token}) is kept
 * as its hash, and only the node that makes it ever sees it.
 */
public final class ConsoleSecrets {

    /** What marks a stored value as a hash. */
    static final String HASHED = "sha256:";

    /**
     * A token kept as its hash.
     *
     * @param hash its {@link TokenHash}
     * @param issued the token itself, when this call made it (or found it kept in the clear by an
     *     older version, and hashed it): write it where its user reads it, now or never
     */
    public record StoredToken(String hash, Optional<String> issued) {

        /** True when the presented token is this one. */
        public boolean matches(String presented) {
            return TokenHash.matches(presented, hash);
        }
    }

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

    /** The named token: made at random on first use and stored as its hash. */
    public StoredToken token(String name) {
        Optional<String> stored = read(name);
        if (stored.isPresent() && stored.get().startsWith(HASHED)) {
            return new StoredToken(stored.get().substring(HASHED.length()), Optional.empty());
        }
        if (stored.isPresent()) {
            // Kept in the clear by a version before the hardening: hash it, hand it out once.
            String hash = TokenHash.of(stored.get());
            update(name, HASHED + hash);
            return new StoredToken(hash, stored);
        }
        String token = PrivateFiles.random();
        insertIfAbsent(name, HASHED + TokenHash.of(token));
        StoredToken kept = token(name);
        return kept.hash().equals(TokenHash.of(token))
                ? new StoredToken(kept.hash(), Optional.of(token))
                : kept;
    }

    /** Replaces the named token with a new one; the old one stops matching at once. */
    public StoredToken rotate(String name) {
        String token = PrivateFiles.random();
        if (read(name).isPresent()) {
            update(name, HASHED + TokenHash.of(token));
        } else {
            insertIfAbsent(name, HASHED + TokenHash.of(token));
        }
        return new StoredToken(TokenHash.of(token), Optional.of(token));
    }

    private void update(String name, String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement(
                                "update console_secret set secret_value = ? where name = ?")) {
            s.setString(1, value);
            s.setString(2, name);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store console secret " + name, e);
        }
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
