package cn.qianli.centre.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the index lives.
 *
 * @param url         JDBC URL of a PostgreSQL 15+ server; blank starts the embedded server
 * @param user        the schema owner that runs migrations (QIANLI_DB_USER)
 * @param password    its password (QIANLI_DB_PASSWORD)
 * @param appUser     a separate login for the running service; blank means the owner's
 *                    connections switch to {@code appRole} with SET ROLE
 * @param appPassword password of {@code appUser}
 * @param appRole     the role the schema grants the running service's privileges to
 * @param embeddedDir data directory of the embedded server; blank means a throw-away one
 */
@ConfigurationProperties("qianli.db")
public record DatabaseProperties(String url, String user, String password, String appUser,
        String appPassword, String appRole, String embeddedDir) {

    public DatabaseProperties {
        url = blankToEmpty(url);
        user = blankToEmpty(user);
        password = blankToEmpty(password);
        appUser = blankToEmpty(appUser);
        appPassword = blankToEmpty(appPassword);
        appRole = appRole == null || appRole.isBlank() ? "qianli_app" : appRole;
        embeddedDir = blankToEmpty(embeddedDir);
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("qianli.db.app-role must be a plain lower-case identifier: " + appRole);
        }
    }

    boolean embedded() {
        return url.isEmpty();
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
