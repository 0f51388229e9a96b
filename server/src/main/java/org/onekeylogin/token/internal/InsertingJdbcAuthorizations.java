package org.onekeylogin.token.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Spring's JDBC authorization store, which can also insert an authorization known to be
 * new ({@link NewAuthorizations}) with the same row as its own insert: the same columns,
 * filled by the same parameter mapper.
 */
public final class InsertingJdbcAuthorizations extends JdbcOAuth2AuthorizationService implements NewAuthorizations {

    /** The columns of Spring's {@code oauth2_authorization}, in its mapper's order. */
    private static final String INSERT = "INSERT INTO oauth2_authorization (id, registered_client_id, "
            + "principal_name, authorization_grant_type, authorized_scopes, attributes, state, "
            + "authorization_code_value, authorization_code_issued_at, authorization_code_expires_at, "
            + "authorization_code_metadata, access_token_value, access_token_issued_at, access_token_expires_at, "
            + "access_token_metadata, access_token_type, access_token_scopes, oidc_id_token_value, "
            + "oidc_id_token_issued_at, oidc_id_token_expires_at, oidc_id_token_metadata, refresh_token_value, "
            + "refresh_token_issued_at, refresh_token_expires_at, refresh_token_metadata, user_code_value, "
            + "user_code_issued_at, user_code_expires_at, user_code_metadata, device_code_value, "
            + "device_code_issued_at, device_code_expires_at, device_code_metadata) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    public InsertingJdbcAuthorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }

    @Override
    public void insert(OAuth2Authorization authorization) {
        List<SqlParameterValue> parameters = getAuthorizationParametersMapper().apply(authorization);
        getJdbcOperations().update(INSERT, statement -> bind(statement, parameters));
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

}
