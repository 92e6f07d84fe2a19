package cn.qianli.localservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalServices.class)
class LocalPostgresTest {

    @Test
    void acceptsConnectionsToTheQianliDatabaseAndAnswersQueries(LocalPostgres postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE study (uid text PRIMARY KEY, hospital text NOT NULL)");
            statement.execute("INSERT INTO study VALUES ('1.2.3', 'H001')");
            try (ResultSet row = statement.executeQuery(
                    "SELECT current_database(), current_user, hospital, version() FROM study")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("qianli");
                assertThat(row.getString(2)).isEqualTo("qianli");
                assertThat(row.getString(3)).isEqualTo("H001");
                assertThat(row.getString(4)).startsWith("PostgreSQL 17");
            }
        }
    }

    @Test
    void isSharedWithinTheTestRun(LocalPostgres postgres) {
        assertThat(LocalServices.postgres()).isSameAs(postgres);
    }
}
