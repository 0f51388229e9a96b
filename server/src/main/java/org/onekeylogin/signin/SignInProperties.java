package org.onekeylogin.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on password attempts and on what the sign-in screen may ask per address
 * ({@code onekey.sign-in.*}), and the client that device apps sign in to by default.
 */
@ConfigurationProperties("onekey.sign-in")
public record SignInProperties(@DefaultValue("onekey-device") String defaultClientId,
        @DefaultValue("30") int passwordAttemptsPerIpPerMinute,
        @DefaultValue("10") int passwordAttemptsPerAccountPer15Minutes, @DefaultValue("60") int optionsPerIpPerMinute,
        @DefaultValue("30") int recommendedSignInsPerIpPerMinute) {
}
