package org.onekeylogin.token.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;

/**
 * The standard claims (OpenID Connect Core section 5.1) an account gives for the scopes a
 * client was granted, read fresh from the account: {@code sub} always; with
 * {@code profile}, {@code name} (the display name, to greet the person) and
 * {@code preferred_username} (the login name). {@code /userinfo} answers with them, and
 * ID tokens carry them.
 */
public final class ProfileClaims {

    private final AccountService accounts;

    public ProfileClaims(AccountService accounts) {
        this.accounts = accounts;
    }

    public Map<String, Object> of(String accountId, Collection<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(StandardClaimNames.SUB, accountId);
        if (scopes.contains(OidcScopes.PROFILE)) {
            accounts.find(accountId).ifPresent(account -> profile(account, claims));
        }
        return claims;
    }

    private static void profile(Account account, Map<String, Object> claims) {
        claims.put(StandardClaimNames.NAME, account.displayName());
        claims.put(StandardClaimNames.PREFERRED_USERNAME, account.loginName());
    }

}
