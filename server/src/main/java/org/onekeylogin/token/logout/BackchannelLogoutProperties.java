package org.onekeylogin.token.logout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How back-channel logouts are sent ({@code onekey.backchannel-logout.*}): tries per
 * logout, the wait after the first failure (doubling, at most ten minutes), how often
 * every node looks for logouts due, how long a node holds a logout it is sending, how
 * long it waits for the client's answer, and how long a logout token is valid after it
 * was signed (OpenID Connect Back-Channel Logout 1.0 section 2.4 recommends at most two
 * minutes).
 */
@ConfigurationProperties("onekey.backchannel-logout")
public record BackchannelLogoutProperties(@DefaultValue("10") int attempts, @DefaultValue("PT2S") Duration firstBackoff,
        @DefaultValue("PT1S") Duration pollInterval, @DefaultValue("PT30S") Duration claimFor,
        @DefaultValue("PT5S") Duration timeout, @DefaultValue("PT2M") Duration tokenLifetime) {

    public BackchannelLogoutProperties {
        if (attempts < 1) {
            throw new IllegalArgumentException("onekey.backchannel-logout.attempts must be at least 1");
        }
        if (timeout.compareTo(claimFor) >= 0) {
            throw new IllegalArgumentException(
                    "onekey.backchannel-logout.timeout must be shorter than onekey.backchannel-logout.claim-for");
        }
    }

}
