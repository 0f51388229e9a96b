package org.onekeylogin.token.internal;

import static org.onekeylogin.system.SqlTimes.utc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.onekeylogin.system.InsertOnce;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token signing keys, created on first start and kept in the database so that every
 * node signs with them and tokens issued before a restart still verify after: a P-256 key
 * for ES256, which signs every access token and, by default, ID tokens (ES256 signs in
 * about a fifth of the time of RS256), and an RSA key for the ID tokens of clients
 * registered with {@code RS256}, the algorithm OpenID Connect requires every provider to
 * offer and many stock clients expect.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private static final String CURRENT = "current";

    private static final String RSA = "rsa";

    private final JdbcClient jdbc;

    private final Clock clock;

    private final InsertOnce inserts;

    public SigningKeys(JdbcClient jdbc, InsertOnce inserts, Clock clock) {
        this.jdbc = jdbc;
        this.inserts = inserts;
        this.clock = clock;
    }

    /** The P-256 key (ES256). */
    public ECKey current() {
        return (ECKey) key(CURRENT,
                () -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString())
                    .generate());
    }

    /** The RSA key (RS256, 2048 bits). */
    public RSAKey rsa() {
        return (RSAKey) key(RSA,
                () -> new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate());
    }

    private interface Generator {

        JWK generate() throws JOSEException;

    }

    private JWK key(String id, Generator generator) {
        return load(id).orElseGet(() -> create(id, generator));
    }

    private Optional<JWK> load(String id) {
        return jdbc.sql("SELECT jwk FROM signing_key WHERE id = ?")
            .param(id)
            .query(String.class)
            .optional()
            .map(SigningKeys::parse);
    }

    private JWK create(String id, Generator generator) {
        JWK key;
        try {
            key = generator.generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
        if (inserts.insert(() -> jdbc.sql("INSERT INTO signing_key (id, jwk, created_at) VALUES (?, ?, ?)")
            .params(id, key.toJSONString(), utc(clock.instant()))
            .update())) {
            log.info("Created a token signing key ({})", key.getKeyType());
            return key;
        }
        // another node started at the same moment and stored its key first: every node
        // signs with that one
        return load(id).orElseThrow();
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        }
        catch (ParseException e) {
            throw new IllegalStateException("A stored signing key is not a valid JWK", e);
        }
    }

}
