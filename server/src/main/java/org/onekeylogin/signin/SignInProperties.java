package org.onekeylogin.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on password attempts and on what the sign-in screen may ask per address
 * ({@code onekey.sign-in.*}), and the client that device apps sign in to by default.
 *
 * <p>
 * Password limits, per {@code password-window} (default 15 minutes), counting the
 * attempts whose password was wrong: one requester (a device, and separately an address)
 * may fail on one account {@code password-failures-per-requester} times (default 10); the
 * first {@code password-burst} (default 5) at once, each later one only after
 * {@code password-backoff} (default 30 seconds) since its previous one, doubled for each
 * further one. All requesters together may fail {@code password-failures-per-account}
 * times (default 30) on the account; a device that signed in to the account before and
 * was not disowned is held only to the limit on its own device id, so a stranger's
 * guesses never lock the owner out. An address may try
 * {@code password-attempts-per-ip-per-minute} passwords a minute on one node, whatever
 * accounts it names.
 */
@ConfigurationProperties("onekey.sign-in")
public record SignInProperties(@DefaultValue("onekey-device") String defaultClientId,
        @DefaultValue("30") int passwordAttemptsPerIpPerMinute, @DefaultValue("PT15M") Duration passwordWindow,
        @DefaultValue("10") int passwordFailuresPerRequester, @DefaultValue("5") int passwordBurst,
        @DefaultValue("PT30S") Duration passwordBackoff, @DefaultValue("30") int passwordFailuresPerAccount,
        @DefaultValue("60") int optionsPerIpPerMinute, @DefaultValue("30") int recommendedSignInsPerIpPerMinute) {

    public SignInProperties {
        if (passwordFailuresPerRequester < 1 || passwordBurst < 1 || passwordBurst > passwordFailuresPerRequester) {
            throw new IllegalArgumentException("onekey.sign-in.password-burst must be between 1 and "
                    + "onekey.sign-in.password-failures-per-requester");
        }
        if (passwordFailuresPerAccount < passwordFailuresPerRequester) {
            throw new IllegalArgumentException("onekey.sign-in.password-failures-per-account must be at least "
                    + "onekey.sign-in.password-failures-per-requester");
        }
    }

}
