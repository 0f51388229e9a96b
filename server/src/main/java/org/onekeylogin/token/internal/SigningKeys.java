package org.onekeylogin.token.internal;

import static org.onekeylogin.system.SqlTimes.utc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
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
 * The token signing key: one P-256 key (ES256 signs in about a fifth of the time of
 * RS256), created on first start and kept in the database so that every node signs with
 * it and tokens issued before a restart still verify after.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private static final String CURRENT = "current";

    private final JdbcClient jdbc;

    private final Clock clock;

    private final InsertOnce inserts;

    public SigningKeys(JdbcClient jdbc, InsertOnce inserts, Clock clock) {
        this.jdbc = jdbc;
        this.inserts = inserts;
        this.clock = clock;
    }

    public ECKey current() {
        return load().orElseGet(this::create);
    }

    private Optional<ECKey> load() {
        return jdbc.sql("SELECT jwk FROM signing_key WHERE id = ?")
            .param(CURRENT)
            .query(String.class)
            .optional()
            .map(SigningKeys::parse);
    }

    private ECKey create() {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
        if (inserts.insert(() -> jdbc.sql("INSERT INTO signing_key (id, jwk, created_at) VALUES (?, ?, ?)")
            .params(CURRENT, key.toJSONString(), utc(clock.instant()))
            .update())) {
            log.info("Created the token signing key");
            return key;
        }
        // another node started at the same moment and stored its key first: every node
        // signs with that one
        return load().orElseThrow();
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        }
        catch (ParseException e) {
            throw new IllegalStateException("The stored signing key is not a valid EC JWK", e);
        }
    }

}
