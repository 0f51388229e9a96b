-- The tokens of an authorization other than its refresh token are found through one lookup table instead of an index
-- per token column: an insert then writes one entry per token it holds (a CIBA sign-in: two) instead of one in each
-- of six indexes, most of them on columns the grant leaves empty. The refresh token keeps its index.
CREATE TABLE oauth2_authorization_lookup (
    stored_value     varchar(4000) NOT NULL PRIMARY KEY,
    authorization_id varchar(100) NOT NULL
);
INSERT INTO oauth2_authorization_lookup (stored_value, authorization_id)
    SELECT state, id FROM oauth2_authorization WHERE state IS NOT NULL
    UNION ALL SELECT authorization_code_value, id FROM oauth2_authorization WHERE authorization_code_value IS NOT NULL
    UNION ALL SELECT access_token_value, id FROM oauth2_authorization WHERE access_token_value IS NOT NULL
    UNION ALL SELECT oidc_id_token_value, id FROM oauth2_authorization WHERE oidc_id_token_value IS NOT NULL
    UNION ALL SELECT user_code_value, id FROM oauth2_authorization WHERE user_code_value IS NOT NULL
    UNION ALL SELECT device_code_value, id FROM oauth2_authorization WHERE device_code_value IS NOT NULL;
DROP INDEX oauth2_authorization_access_token_idx;
DROP INDEX oauth2_authorization_id_token_idx;
DROP INDEX oauth2_authorization_user_code_idx;
DROP INDEX oauth2_authorization_device_code_idx;
DROP INDEX oauth2_authorization_code_idx;
DROP INDEX oauth2_authorization_state_idx;
