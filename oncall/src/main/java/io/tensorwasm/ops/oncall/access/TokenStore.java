package io.tensorwasm.ops.oncall.access;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Console tokens, stored hashed. A token reads {@code twc_<id>_<secret>}: the id finds the row, and
 * the SHA-256 of the secret is compared in constant time with the stored one.
 *
 * <pre>{@code
 * IssuedToken admin = tokens.issue("first admin", Role.ADMIN);
 * Optional<Principal> who = tokens.authenticate(admin.token());
 * }</pre>
 */
public final class TokenStore {

    private static final String PREFIX = "twc_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;

    /** A store over the console's database. */
    public TokenStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Issues a new token; the returned secret is not kept anywhere. */
    public IssuedToken issue(String name, Role role) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a token needs the name of who holds it");
        }
        String id = randomText(9);
        String secret = randomText(32);
        String sql =
                "insert into console_token (id, name, role, secret_hash, created_at)"
                        + " values (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            s.setString(2, name.strip());
            s.setString(3, role.label());
            s.setString(4, TokenHash.of(secret));
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a new console token", e);
        }
        return new IssuedToken(PREFIX + id + "_" + secret, new Principal(id, name.strip(), role));
    }

    /** The user a presented token identifies, if it is well formed, known and not revoked. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int split = token.indexOf('_', PREFIX.length());
        if (split < 0) {
            return Optional.empty();
        }
        String id = token.substring(PREFIX.length(), split);
        String secret = token.substring(split + 1);
        String sql =
                "select name, role, secret_hash from console_token where id = ? and revoked_at is null";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!TokenHash.matches(secret, rs.getString("secret_hash"))) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Principal(id, rs.getString("name"), Role.parse(rs.getString("role"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console tokens", e);
        }
    }

    /** True while the token id is known and not revoked; sessions re-check it on every request. */
    public boolean active(String tokenId) {
        String sql = "select 1 from console_token where id = ? and revoked_at is null";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tokenId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console tokens", e);
        }
    }

    /** Revokes a token by id; true when it was active. */
    public boolean revoke(String tokenId) {
        String sql = "update console_token set revoked_at = ? where id = ? and revoked_at is null";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, tokenId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke console token " + tokenId, e);
        }
    }

    /** Every active token's principal, oldest first. */
    public List<Principal> list() {
        String sql =
                "select id, name, role from console_token where revoked_at is null"
                        + " order by created_at, id";
        List<Principal> principals = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                principals.add(
                        new Principal(
                                rs.getString("id"),
                                rs.getString("name"),
                                Role.parse(rs.getString("role"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console tokens", e);
        }
        return principals;
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace('_', 'x');
    }
}
