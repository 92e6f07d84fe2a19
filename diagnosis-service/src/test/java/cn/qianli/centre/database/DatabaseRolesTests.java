package cn.qianli.centre.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qianli.centre.CentreTest;
import cn.qianli.centre.audit.AuditEntry;
import cn.qianli.centre.audit.AuditTrail;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseRolesTests extends CentreTest {

    @Autowired
    DataSource app;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Autowired
    AuditTrail trail;

    private void oneAuditRow() {
        trail.append(AuditEntry.of("test", "auditor", "", "test", "", "", "", "success", "", ""));
    }

    @Test
    void appRoleMayNotUpdateTheAuditTrail() {
        oneAuditRow();
        assertThatThrownBy(() -> new JdbcTemplate(app).update("UPDATE audit_event SET outcome = 'forged'"))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void appRoleMayNotDeleteOrTruncateTheAuditTrail() {
        oneAuditRow();
        assertThatThrownBy(() -> new JdbcTemplate(app).update("DELETE FROM audit_event"))
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> new JdbcTemplate(app).execute("TRUNCATE audit_event"))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void appRoleRunsAsTheConfiguredRoleNotTheOwner() {
        assertThat(new JdbcTemplate(app).queryForObject("SELECT current_user", String.class)).isEqualTo("qianli_app");
        assertThat(new JdbcTemplate(owner).queryForObject("SELECT current_user", String.class)).isNotEqualTo("qianli_app");
    }

    @Test
    void appRoleMayNotChangeHospitals() {
        assertThatThrownBy(() -> new JdbcTemplate(app).update("UPDATE hospital SET population_served = 0"))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void seedsTheDemoHospitals() {
        assertThat(new JdbcTemplate(app).queryForList(
                "SELECT id || ' ' || district || ' ' || township || ' ' || population_served FROM hospital WHERE id IN ('H001', 'H002') ORDER BY id", String.class))
                .containsExactly("H001 Wulong District Xiangkou 38000", "H002 Wulong District Huolu 27000");
    }
}
