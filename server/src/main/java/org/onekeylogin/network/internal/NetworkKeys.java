package org.onekeylogin.network.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.SecretGenerator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes of network identifiers (HMAC-SHA256). The key is created once, kept in the database so every node
 * and every restart hashes the same way, and never leaves the service: a copy of the tables alone does not reveal
 * which Wi-Fi a household uses.
 */
@Component
public class NetworkKeys {

    private static final String NAME = "network-hmac";

    private final byte[] key;

    NetworkKeys(JdbcClient jdbc, SecretGenerator secrets, Clock clock) {
        String stored = jdbc.sql("SELECT secret FROM server_secret WHERE name = ?").param(NAME).query(String.class)
                .optional().orElse(null);
        if (stored == null) {
            try {
                jdbc.sql("INSERT INTO server_secret (name, secret, created_at) VALUES (?, ?, ?)")
                        .params(NAME, secrets.token(256), clock.instant().atOffset(ZoneOffset.UTC)).update();
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // read below
            }
            stored = jdbc.sql("SELECT secret FROM server_secret WHERE name = ?").param(NAME).query(String.class).single();
        }
        this.key = Base64.getUrlDecoder().decode(stored);
    }

    public String hash(String value) {
        return Hashing.hmacSha256Hex(key, value);
    }
}
