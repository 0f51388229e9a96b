package org.onekeylogin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A {@link ServiceTest} about the service's limits, with those limits lowered so that a
 * few requests reach them. Every such test class runs on one application context: each
 * plays addresses ({@code X-Forwarded-For}) and accounts of its own, so that no test's
 * requests count against another's limit.
 * <ul>
 * <li>SMS codes: 3 per address per hour;
 * <li>the token endpoint: 3 requests per client and address per minute;
 * <li>the sign-in screen: 3 option lists and 2 recommended sign-ins per address per
 * minute;
 * <li>event streams: 5 per address;
 * <li>wrong passwords: 15 per account from all requesters together (30 by default), so
 * that the passwords a flood gets checked (bcrypt, all at once) stay within what a small
 * test machine and its four database connections answer in time.
 * </ul>
 * The other limits stay as {@link ServiceTest} sets them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceTest
@TestPropertySource(
        properties = { "onekey.sms.codes-per-ip-per-hour=3", "onekey.tokens.requests-per-client-and-ip-per-minute=3",
                "onekey.sign-in.options-per-ip-per-minute=3", "onekey.sign-in.recommended-sign-ins-per-ip-per-minute=2",
                "onekey.push.max-streams-per-address=5", "onekey.sign-in.password-failures-per-account=15" })
public @interface LimitsTest {

}
