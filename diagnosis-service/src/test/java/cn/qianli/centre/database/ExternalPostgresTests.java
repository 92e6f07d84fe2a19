package cn.qianli.centre.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.Http;
import cn.qianli.centre.Tokens;
import cn.qianli.centre.dicomweb.Stow;
import cn.qianli.dicom.synthetic.SyntheticCt;
import cn.qianli.localservices.LocalPostgres;
import cn.qianli.localservices.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Production mode: a PostgreSQL server given by URL, whose schema owner is an ordinary login
 * (no CREATEROLE), with the application role prepared by a DBA.
 */
class ExternalPostgresTests extends CentreTest {

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) throws Exception {
        LocalPostgres pg = LocalServices.postgres();
        // what a DBA does once: the application role, and the owner allowed to act as it
        try (var dba = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
                var st = dba.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qianli_app') THEN "
                    + "CREATE ROLE qianli_app NOLOGIN; END IF; END $$");
            st.execute("GRANT qianli_app TO " + pg.username());
        }
        registry.add("qianli.db.url", pg::jdbcUrl);
        registry.add("qianli.db.user", pg::username);
        registry.add("qianli.db.password", pg::password);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource app;

    @TempDir
    Path temp;

    @Test
    void migratesAndRunsAgainstAServerGivenByUrl() throws Exception {
        assertThat(new JdbcTemplate(app).queryForObject("SELECT current_database() || ' ' || current_user",
                String.class)).isEqualTo(LocalPostgres.DATABASE + " qianli_app");
        String patientId = "EXT-" + System.nanoTime();
        List<Path> files = SyntheticCt.study(patientId, "Sun^Li").size(16, 16).slices(1)
                .writeTo(Files.createTempDirectory(temp, "ct"));
        assertThat(Stow.files(new Http(port), Tokens.user("clinic2"), files).status()).isEqualTo(200);
        // the server may hold what earlier runs stored: count this study's instances only
        assertThat(new JdbcTemplate(app).queryForObject("""
                SELECT count(*) FROM instance i JOIN series se ON se.pk = i.series_pk JOIN study st ON st.pk = se.study_pk
                WHERE st.patient_id = ?""", Integer.class, patientId)).isEqualTo(1);
    }

    @Test
    void appRoleMayNotRewriteTheAuditTrailThere() {
        assertThatThrownBy(() -> new JdbcTemplate(app).update("DELETE FROM audit_event"))
                .rootCause().hasMessageContaining("permission denied");
    }
}
