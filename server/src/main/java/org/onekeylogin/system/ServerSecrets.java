package org.onekeylogin.system;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The service's own keys (256 bits each, from {@link SecretGenerator}), one per name in
 * table {@code server_secret}: created the first time a node asks for it and read back
 * ever after, so every node and every restart uses the same key. Nodes that start
 * together on an empty database each offer a key; the first insert wins and all read it
 * ({@link InsertOnce}).
 */
@Component
public class ServerSecrets {

    private static final int BITS = 256;

    private final JdbcClient jdbc;

    private final InsertOnce inserts;

    private final SecretGenerator secrets;

    private final Clock clock;

    ServerSecrets(JdbcClient jdbc, InsertOnce inserts, SecretGenerator secrets, Clock clock) {
        this.jdbc = jdbc;
        this.inserts = inserts;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The 32-byte key kept under {@code name}, created now if there is none yet. */
    public byte[] named(String name) {
        String stored = read(name).orElse(null);
        if (stored == null) {
            inserts.insert(() -> jdbc.sql("INSERT INTO server_secret (name, secret, created_at) VALUES (?, ?, ?)")
                .params(name, secrets.token(BITS), utc(clock.instant()))
                .update());
            stored = read(name).orElseThrow();
        }
        return Base64.getUrlDecoder().decode(stored);
    }

    private Optional<String> read(String name) {
        return jdbc.sql("SELECT secret FROM server_secret WHERE name = ?").param(name).query(String.class).optional();
    }

}
