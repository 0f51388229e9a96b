package org.onekeylogin.network.internal;

import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.ServerSecrets;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes of network identifiers (HMAC-SHA256). The key is a server secret
 * ({@link ServerSecrets}): created once, kept in the database so every node and every
 * restart hashes the same way, and never leaves the service: a copy of the tables alone
 * does not reveal which Wi-Fi a household uses.
 */
@Component
public class NetworkKeys {

    private static final String NAME = "network-hmac";

    private final byte[] key;

    NetworkKeys(ServerSecrets secrets) {
        this.key = secrets.named(NAME);
    }

    public String hash(String value) {
        return Hashing.hmacSha256Hex(key, value);
    }

}
