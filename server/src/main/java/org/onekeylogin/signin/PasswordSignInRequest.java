package org.onekeylogin.signin;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.token.Scopes;

/**
 * {@code POST /api/v1/sign-in/password}: an account name or phone number, its password,
 * and the device.
 */
record PasswordSignInRequest(String login, String password, DeviceDescription device, @Nullable String clientId,
        @Nullable String scope, @Nullable NetworkReport network) {

    PasswordSignInRequest {
        if (login == null || login.isBlank() || login.length() > 64) {
            throw ApiException.invalid("login", "Type the account name or phone number (at most 64 characters).");
        }
        if (password == null || password.isEmpty() || password.length() > 128) {
            throw ApiException.invalid("password", "Type the password (at most 128 characters).");
        }
        device = DeviceDescription.required(device);
        if (scope != null && scope.length() > 200) {
            throw ApiException.invalid("scope", "The scope is at most 200 characters.");
        }
    }

    Set<String> scopes() {
        return Scopes.parse(scope);
    }

    @Override
    public String toString() {
        return "PasswordSignInRequest[device=" + device.id() + "]";
    }
}
