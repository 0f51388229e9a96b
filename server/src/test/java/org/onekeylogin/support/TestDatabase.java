package org.onekeylogin.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test application context its own, empty, real database: an H2 file database
 * under {@code target/test-db}, or a fresh schema in the PostgreSQL database on
 * 127.0.0.1:5432 when the system property {@code onekey.test.database} is
 * {@code postgresql} (Maven runs the suite once each way).
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String POSTGRES_URL = System.getenv()
        .getOrDefault("ONEKEY_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    private static final String POSTGRES_USER = System.getenv().getOrDefault("ONEKEY_TEST_POSTGRES_USER", "postgres");

    public static boolean isPostgres() {
        return "postgresql".equals(System.getProperty("onekey.test.database", "h2"));
    }

    /**
     * Spring properties pointing at a new empty database; pass the same map twice to
     * reopen it.
     */
    public static Map<String, Object> fresh() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (isPostgres()) {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
                c.createStatement().execute("CREATE SCHEMA " + name);
            }
            catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " is needed for this test run", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(name)));
            return Map.of("spring.datasource.url", POSTGRES_URL + "?currentSchema=" + name,
                    "spring.datasource.username", POSTGRES_USER, "spring.datasource.password", "",
                    "spring.flyway.schemas", name, "spring.flyway.default-schema", name);
        }
        Path dir = Path.of("target", "test-db", name).toAbsolutePath();
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("onekey"), "spring.datasource.username",
                "sa", "spring.datasource.password", "", "onekey.data-dir", dir.toString());
    }

    private static void dropSchema(String name) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
        catch (SQLException e) {
            // the schema only wastes space; the next run does not depend on it
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testDatabase", fresh()));
    }

}
