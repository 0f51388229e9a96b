package org.onekeylogin.system;

/**
 * The signed-in device making an API call, taken from its verified access token.
 * Controllers ask for it as a method parameter.
 */
public record Caller(String accountId, String sessionId, String deviceId, String clientId) {
}
