package io.tensorwasm.ops.oncall.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.oncall.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenStoreTest {

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final TokenStore tokens = new TokenStore(database.dataSource(), Clock.systemUTC());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void authenticatesAnIssuedTokenWithItsRole() {
        IssuedToken issued = tokens.issue("ana", Role.OPERATOR);
        assertThat(issued.token()).startsWith("twc_" + issued.principal().tokenId() + "_");
        assertThat(tokens.authenticate(issued.token())).contains(issued.principal());
    }

    @Test
    void refusesAWrongSecretForAKnownId() {
        IssuedToken issued = tokens.issue("ana", Role.VIEWER);
        String forged = "twc_" + issued.principal().tokenId() + "_notthesecret";
        assertThat(tokens.authenticate(forged)).isEmpty();
    }

    @Test
    void refusesMalformedTokens() {
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate("Bearer x")).isEmpty();
        assertThat(tokens.authenticate("twc_noseparator")).isEmpty();
    }

    @Test
    void refusesARevokedToken() {
        IssuedToken issued = tokens.issue("bo", Role.ADMIN);
        assertThat(tokens.revoke(issued.principal().tokenId())).isTrue();
        assertThat(tokens.authenticate(issued.token())).isEmpty();
        assertThat(tokens.active(issued.principal().tokenId())).isFalse();
        assertThat(tokens.revoke(issued.principal().tokenId())).isFalse();
    }

    @Test
    void storesOnlyAHashOfTheSecret() throws Exception {
        IssuedToken issued = tokens.issue("cy", Role.APPROVER);
        String secret = issued.token().substring(issued.token().lastIndexOf('_') + 1);
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select * from console_token")) {
            assertThat(rs.next()).isTrue();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secret);
            }
        }
        assertThat(issued.toString()).doesNotContain(secret);
    }

    @Test
    void listsActiveTokensWithoutSecrets() {
        tokens.issue("first", Role.ADMIN);
        IssuedToken gone = tokens.issue("gone", Role.VIEWER);
        tokens.revoke(gone.principal().tokenId());
        assertThat(tokens.list()).extracting(Principal::name).containsExactly("first");
    }

    @Test
    void refusesATokenWithoutAHolderName() {
        assertThatThrownBy(() -> tokens.issue(" ", Role.VIEWER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a token needs the name of who holds it");
    }

    @Test
    void parsesRolesByLabelAndNamesTheValidOnes() {
        assertThat(Role.parse("approver")).isEqualTo(Role.APPROVER);
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
        assertThatThrownBy(() -> Role.parse("root"))
                .hasMessage("root: unknown role; roles are viewer, operator, approver, admin");
    }
}
