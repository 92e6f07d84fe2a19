package cn.qianli.centre.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two data sources on one database: Flyway migrates as the owner; the service runs as the
 * application role, so the database itself refuses what the role was not granted.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** The owner's connection settings, from the configured URL or the embedded server. */
    record OwnerConnection(String url, String user, String password) {
    }

    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedServer(DatabaseProperties props) throws IOException {
        if (!props.embedded()) {
            return new EmbeddedServer(null);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (!props.embeddedDir().isEmpty()) {
            Path data = Path.of(props.embeddedDir()).toAbsolutePath();
            Files.createDirectories(data.getParent());
            // the embedded server's own default is synchronous_commit=off; a kept index must
            // survive a crash as committed (an index row is acknowledged to the sender)
            builder.setDataDirectory(data).setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(data.resolveSibling("postgres-binaries").toFile())
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
        }
        EmbeddedPostgres pg = builder.start();
        log.info("embedded PostgreSQL started on port {} (data {})", pg.getPort(),
                props.embeddedDir().isEmpty() ? "throw-away" : props.embeddedDir());
        return new EmbeddedServer(pg);
    }

    @Bean
    OwnerConnection ownerConnection(DatabaseProperties props, EmbeddedServer server) {
        if (server.postgres() != null) {
            return new OwnerConnection(server.postgres().getJdbcUrl("postgres", "postgres"), "postgres", "");
        }
        return new OwnerConnection(props.url(), props.user(), props.password());
    }

    @Bean(destroyMethod = "close")
    @FlywayDataSource
    HikariDataSource ownerDataSource(OwnerConnection owner) {
        HikariDataSource ds = pool("qianli-owner", owner.url(), owner.user(), owner.password());
        ds.setMaximumPoolSize(2);
        ds.setMinimumIdle(0);
        return ds;
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(DatabaseProperties props, OwnerConnection owner) {
        if (!props.appUser().isEmpty()) {
            return pool("qianli-app", owner.url(), props.appUser(), props.appPassword());
        }
        HikariDataSource ds = pool("qianli-app", owner.url(), owner.user(), owner.password());
        ds.setConnectionInitSql("SET ROLE " + props.appRole());
        return ds;
    }

    @Bean
    FlywayConfigurationCustomizer appRolePlaceholder(DatabaseProperties props) {
        return configuration -> configuration.placeholders(Map.of("appRole", props.appRole()));
    }

    private static HikariDataSource pool(String name, String url, String user, String password) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(url);
        ds.setUsername(user);
        if (!password.isEmpty()) {
            ds.setPassword(password);
        }
        return ds;
    }

    /** The embedded PostgreSQL process, or nothing when a URL is configured. */
    record EmbeddedServer(EmbeddedPostgres postgres) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

}
