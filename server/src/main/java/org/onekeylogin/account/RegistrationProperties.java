package org.onekeylogin.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Self-service registration ({@code onekey.registration.*}): on for demos and tests,
 * usually off in production.
 */
@ConfigurationProperties("onekey.registration")
public record RegistrationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("20") int perIpPerHour) {
}
