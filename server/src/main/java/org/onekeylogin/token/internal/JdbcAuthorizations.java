package org.onekeylogin.token.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring's JDBC authorization store ({@code oauth2_authorization}, its columns and
 * mappers), with the tokens found through one lookup table instead of an index per token
 * column.
 *
 * <p>
 * Spring's schema indexes seven token columns, and every insert or update writes an entry
 * into each of the seven, also for the columns a grant leaves empty (a CIBA sign-in fills
 * three). Here {@code oauth2_authorization_lookup} maps the stored value of the state,
 * authorization code, access token, ID token, user code and device code of each
 * authorization to its id: a save writes one row per value it adds and deletes the rows
 * of the values it replaced, all in one table and in the save's transaction. A lookup
 * finds the id, reads the authorization by its primary key and answers only when that
 * authorization still holds the value as the kind asked for. The refresh token keeps its
 * column's index, which the refresh grant's reuse detection reads too
 * ({@link RefreshTokenReuse}).
 *
 * <p>
 * A save updates the row when it exists and inserts it otherwise; Spring's own save reads
 * and maps the whole authorization first only to decide between the two. An authorization
 * known to be new ({@link NewAuthorizations}) is inserted without looking.
 */
public final class JdbcAuthorizations extends JdbcOAuth2AuthorizationService
        implements NewAuthorizations, AuthorizationRemoval {

    /** The columns of Spring's {@code oauth2_authorization}, in its mapper's order. */
    private static final List<String> COLUMNS = List.of("id", "registered_client_id", "principal_name",
            "authorization_grant_type", "authorized_scopes", "attributes", "state", "authorization_code_value",
            "authorization_code_issued_at", "authorization_code_expires_at", "authorization_code_metadata",
            "access_token_value", "access_token_issued_at", "access_token_expires_at", "access_token_metadata",
            "access_token_type", "access_token_scopes", "oidc_id_token_value", "oidc_id_token_issued_at",
            "oidc_id_token_expires_at", "oidc_id_token_metadata", "refresh_token_value", "refresh_token_issued_at",
            "refresh_token_expires_at", "refresh_token_metadata", "user_code_value", "user_code_issued_at",
            "user_code_expires_at", "user_code_metadata", "device_code_value", "device_code_issued_at",
            "device_code_expires_at", "device_code_metadata");

    private static final String INSERT = "INSERT INTO oauth2_authorization (" + String.join(", ", COLUMNS)
            + ") VALUES (" + String.join(", ", COLUMNS.stream().map(column -> "?").toList()) + ")";

    /**
     * Every column but the id, set in the mapper's order; the id is the last parameter.
     */
    private static final String UPDATE = "UPDATE oauth2_authorization SET "
            + String.join(", ", COLUMNS.subList(1, COLUMNS.size()).stream().map(column -> column + " = ?").toList())
            + " WHERE id = ?";

    /**
     * Locks the row it reads, so that two saves of one authorization (a save that no
     * session row serialises) apply their lookup changes one after the other.
     */
    private static final String LOOKED_UP_VALUES = "SELECT "
            + String.join(", ", Arrays.stream(Kind.values()).map(Kind::column).toList())
            + " FROM oauth2_authorization WHERE id = ? FOR UPDATE";

    private static final String REMOVE = "DELETE FROM oauth2_authorization WHERE id = ?";

    private static final String ADD_LOOKUP = "INSERT INTO oauth2_authorization_lookup (stored_value, authorization_id) "
            + "VALUES (?, ?)";

    private static final String FORGET_LOOKUP = "DELETE FROM oauth2_authorization_lookup "
            + "WHERE stored_value = ? AND authorization_id = ?";

    private static final String FIND_LOOKUP = "SELECT authorization_id FROM oauth2_authorization_lookup "
            + "WHERE stored_value = ?";

    private final TransactionTemplate transaction;

    public JdbcAuthorizations(JdbcOperations jdbc, RegisteredClientRepository clients,
            PlatformTransactionManager transactions) {
        super(jdbc, clients);
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        transaction.executeWithoutResult(status -> {
            List<@Nullable String> before = lookedUpValues(authorization.getId());
            if (before == null) {
                insertRow(authorization);
                addLookups(authorization.getId(), Kind.valuesOf(authorization));
                return;
            }
            List<SqlParameterValue> parameters = new ArrayList<>(
                    getAuthorizationParametersMapper().apply(authorization));
            parameters.add(parameters.remove(0));
            getJdbcOperations().update(UPDATE, statement -> bind(statement, parameters));
            replaceLookups(authorization.getId(), before, Kind.valuesOf(authorization));
        });
    }

    @Override
    public void insert(OAuth2Authorization authorization) {
        transaction.executeWithoutResult(status -> {
            insertRow(authorization);
            addLookups(authorization.getId(), Kind.valuesOf(authorization));
        });
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        removeById(authorization.getId());
    }

    @Override
    public void removeById(String id) {
        transaction.executeWithoutResult(status -> {
            List<@Nullable String> before = lookedUpValues(id);
            if (before != null) {
                getJdbcOperations().update(REMOVE, id);
                replaceLookups(id, before, Arrays.asList(new String[before.size()]));
            }
        });
    }

    /**
     * The authorization that holds {@code storedValue} as a token of the given type (any
     * type when null); the value is already in its stored form.
     */
    @Override
    public @Nullable OAuth2Authorization findByToken(String storedValue, @Nullable OAuth2TokenType tokenType) {
        if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            return super.findByToken(storedValue, tokenType);
        }
        List<Kind> kinds = tokenType == null ? Kind.TOKENS : Kind.named(tokenType.getValue());
        if (kinds.isEmpty()) {
            return null;
        }
        List<String> ids = getJdbcOperations().queryForList(FIND_LOOKUP, String.class, storedValue);
        if (!ids.isEmpty()) {
            OAuth2Authorization found = findById(ids.get(0));
            if (found != null && kinds.stream().anyMatch(kind -> storedValue.equals(kind.valueIn(found)))) {
                return found;
            }
        }
        return tokenType == null ? super.findByToken(storedValue, OAuth2TokenType.REFRESH_TOKEN) : null;
    }

    private void insertRow(OAuth2Authorization authorization) {
        List<SqlParameterValue> parameters = getAuthorizationParametersMapper().apply(authorization);
        getJdbcOperations().update(INSERT, statement -> bind(statement, parameters));
    }

    /**
     * The looked-up values the stored row holds, by {@link Kind}; null if there is no
     * row.
     */
    private @Nullable List<@Nullable String> lookedUpValues(String id) {
        List<List<@Nullable String>> rows = getJdbcOperations().query(LOOKED_UP_VALUES, (row, number) -> {
            List<@Nullable String> values = new ArrayList<>();
            for (int column = 1; column <= Kind.values().length; column++) {
                values.add(row.getString(column));
            }
            return values;
        }, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void addLookups(String id, List<@Nullable String> values) {
        List<Object[]> rows = values.stream()
            .filter(Objects::nonNull)
            .map(value -> new Object[] { value, id })
            .toList();
        if (!rows.isEmpty()) {
            getJdbcOperations().batchUpdate(ADD_LOOKUP, rows);
        }
    }

    private void replaceLookups(String id, List<@Nullable String> before, List<@Nullable String> after) {
        List<Object[]> forgotten = new ArrayList<>();
        List<@Nullable String> added = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            String old = before.get(i);
            String now = after.get(i);
            if (!Objects.equals(old, now)) {
                if (old != null) {
                    forgotten.add(new Object[] { old, id });
                }
                added.add(now);
            }
        }
        if (!forgotten.isEmpty()) {
            getJdbcOperations().batchUpdate(FORGET_LOOKUP, forgotten);
        }
        addLookups(id, added);
    }

    private static void bind(PreparedStatement statement, List<SqlParameterValue> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            SqlParameterValue parameter = parameters.get(i);
            if (parameter.getSqlType() == Types.BLOB && parameter.getValue() instanceof byte[] bytes) {
                // as Spring's store writes a BLOB column: the bytes, through the driver
                statement.setBytes(i + 1, bytes);
            }
            else {
                StatementCreatorUtils.setParameterValue(statement, i + 1, parameter, parameter.getValue());
            }
        }
    }

    /** What the lookup table finds, with the column that holds it and how to read it. */
    private enum Kind {

        STATE("state", OAuth2ParameterNames.STATE,
                authorization -> authorization.getAttribute(OAuth2ParameterNames.STATE)),
        CODE("authorization_code_value", OAuth2ParameterNames.CODE, token(OAuth2AuthorizationCode.class)),
        ACCESS_TOKEN("access_token_value", OAuth2TokenType.ACCESS_TOKEN.getValue(), token(OAuth2AccessToken.class)),
        ID_TOKEN("oidc_id_token_value", OidcParameterNames.ID_TOKEN, token(OidcIdToken.class)),
        USER_CODE("user_code_value", OAuth2ParameterNames.USER_CODE, token(OAuth2UserCode.class)),
        DEVICE_CODE("device_code_value", OAuth2ParameterNames.DEVICE_CODE, token(OAuth2DeviceCode.class));

        /**
         * The kinds a lookup without a type looks among: the tokens. Spring's own lookup
         * without a type also compares the state with the value as given, which this
         * store is only ever given hashed, so it never matched.
         */
        static final List<Kind> TOKENS = List.of(CODE, ACCESS_TOKEN, ID_TOKEN, USER_CODE, DEVICE_CODE);

        private final String column;

        private final String typeName;

        private final Function<OAuth2Authorization, @Nullable String> value;

        Kind(String column, String typeName, Function<OAuth2Authorization, @Nullable String> value) {
            this.column = column;
            this.typeName = typeName;
            this.value = value;
        }

        String column() {
            return column;
        }

        @Nullable String valueIn(OAuth2Authorization authorization) {
            return value.apply(authorization);
        }

        static List<Kind> named(String typeName) {
            return Arrays.stream(values()).filter(kind -> kind.typeName.equals(typeName)).toList();
        }

        static List<@Nullable String> valuesOf(OAuth2Authorization authorization) {
            List<@Nullable String> values = new ArrayList<>();
            for (Kind kind : values()) {
                values.add(kind.valueIn(authorization));
            }
            return values;
        }

        private static Function<OAuth2Authorization, @Nullable String> token(Class<? extends OAuth2Token> kind) {
            return authorization -> {
                OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(kind);
                return token == null ? null : token.getToken().getTokenValue();
            };
        }

    }

}
