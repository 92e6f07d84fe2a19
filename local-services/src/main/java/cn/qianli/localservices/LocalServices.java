package cn.qianli.localservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL, one S3 server and one Keycloak per test JVM, each started the first time a test
 * asks for it and stopped when the test run ends, also when tests fail.
 *
 * <p>As a JUnit extension, {@code @ExtendWith(LocalServices.class)} resolves test and lifecycle
 * method parameters of type {@link LocalPostgres}, {@link LocalS3} and {@link LocalKeycloak}, and
 * stops the services when the root extension context closes. From code that runs before any
 * extension (a Spring {@code @DynamicPropertySource}, say) call {@link #postgres()},
 * {@link #s3()} or {@link #keycloak()}; a JVM shutdown hook stops whatever is still running.
 */
public final class LocalServices implements ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(LocalServices.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalServices.class);

    private static LocalPostgres postgres;
    private static LocalS3 s3;
    private static LocalKeycloak keycloak;
    private static final Deque<AutoCloseable> running = new ArrayDeque<>();
    private static boolean hookAdded;

    /** The shared PostgreSQL, started on first use. */
    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = started(() -> LocalPostgres.start());
        }
        return postgres;
    }

    /** The shared S3 server, started on first use. */
    public static synchronized LocalS3 s3() {
        if (s3 == null) {
            s3 = started(() -> LocalS3.start());
        }
        return s3;
    }

    /** The shared Keycloak, started on first use (allow a minute). */
    public static synchronized LocalKeycloak keycloak() {
        if (keycloak == null) {
            keycloak = started(() -> LocalKeycloak.start());
        }
        return keycloak;
    }

    /** Stops every shared service that is running, the last started first. */
    public static synchronized void stopAll() {
        while (!running.isEmpty()) {
            AutoCloseable service = running.pop();
            try {
                service.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
        postgres = null;
        s3 = null;
        keycloak = null;
    }

    private interface Starter<T extends AutoCloseable> {
        T start() throws IOException;
    }

    private static <T extends AutoCloseable> T started(Starter<T> starter) {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(LocalServices::stopAll, "local-services-stop"));
            hookAdded = true;
        }
        try {
            T service = starter.start();
            running.push(service);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalPostgres.class || type == LocalS3.class || type == LocalKeycloak.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        stopWhenRunEnds(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == LocalPostgres.class) {
            return postgres();
        }
        if (type == LocalS3.class) {
            return s3();
        }
        return keycloak();
    }

    /** Registers, once per run, a value in the root store that JUnit closes when the run ends. */
    private static void stopWhenRunEnds(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(StopAtEnd.class, key -> new StopAtEnd(), StopAtEnd.class);
    }

    private static final class StopAtEnd implements AutoCloseable {
        @Override
        public void close() {
            stopAll();
        }
    }
}
