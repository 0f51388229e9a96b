package org.onekeylogin.network.internal;

import static org.onekeylogin.system.SqlTimes.utc;

import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.InsertOnce;
import org.onekeylogin.system.SecretGenerator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes of network identifiers (HMAC-SHA256). The key is created once, kept in the
 * database so every node and every restart hashes the same way, and never leaves the
 * service: a copy of the tables alone does not reveal which Wi-Fi a household uses.
 */
@Component
public class NetworkKeys {

    private static final String NAME = "network-hmac";

    private final byte[] key;

    NetworkKeys(JdbcClient jdbc, InsertOnce inserts, SecretGenerator secrets, Clock clock) {
        String stored = read(jdbc).orElse(null);
        if (stored == null) {
            // nodes starting together on an empty database each offer a key; the first
            // insert wins and all read it
            inserts.insert(() -> jdbc.sql("INSERT INTO server_secret (name, secret, created_at) VALUES (?, ?, ?)")
                .params(NAME, secrets.token(256), utc(clock.instant()))
                .update());
            stored = read(jdbc).orElseThrow();
        }
        this.key = Base64.getUrlDecoder().decode(stored);
    }

    private static Optional<String> read(JdbcClient jdbc) {
        return jdbc.sql("SELECT secret FROM server_secret WHERE name = ?").param(NAME).query(String.class).optional();
    }

    public String hash(String value) {
        return Hashing.hmacSha256Hex(key, value);
    }

}
