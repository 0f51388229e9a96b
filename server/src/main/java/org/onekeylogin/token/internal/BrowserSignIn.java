package org.onekeylogin.token.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.SignInMethod;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * A person's browser, signed in on OneKey's hosted sign-in page, on its way back to the
 * authorization endpoint: the Spring Security authentication the authorization endpoint
 * issues a code for. It travels in a short-lived cookie sealed with a key of the service
 * (HMAC-SHA256, checked in constant time), sent only to the authorization endpoint, so
 * any node reads it and none keeps a browser session in memory. The code's authorization
 * keeps the authentication (account as principal; how and when the person signed in, and
 * the browser's device id, as authorities), from which the code exchange opens the device
 * session ({@link AuthorizationCodeSessions}).
 *
 * <p>
 * The cookie is good for one code: the authorization response clears it. A browser that
 * comes back later signs in again.
 */
public final class BrowserSignIn implements SecurityContextRepository {

    public static final String COOKIE = "onekey_sign_in";

    /**
     * How long the browser has from signing in to reaching the authorization endpoint.
     */
    public static final Duration LIFETIME = Duration.ofMinutes(2);

    public static final String SECRET_NAME = "browser-sign-in";

    private static final String METHOD = "onekey:method:";

    private static final String AUTH_TIME = "onekey:auth_time:";

    private static final String DEVICE = "onekey:device:";

    private static final String OS = "onekey:os:";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    private final Clock clock;

    private final String path;

    /**
     * @param key the sealing key
     * @param clock the service's clock
     * @param path the authorization endpoint, the only path the cookie is sent to
     */
    public BrowserSignIn(byte[] key, Clock clock, String path) {
        this.key = key.clone();
        this.clock = clock;
        this.path = path;
    }

    /** Who signed in, how and when, and on which browser (its device id). */
    public record Facts(String accountId, SignInMethod method, Instant authTime, String deviceId, @Nullable String os) {
    }

    /** Sets the cookie that signs this browser in for the next authorization request. */
    public void signIn(Facts facts, HttpServletRequest request, HttpServletResponse response) {
        Instant expiresAt = clock.instant().plus(LIFETIME);
        String payload = String.join(".", encode(facts.accountId()), encode(facts.method().wireName()),
                encode(String.valueOf(facts.authTime().getEpochSecond())), encode(facts.deviceId()),
                encode(facts.os() == null ? "" : facts.os()), encode(String.valueOf(expiresAt.getEpochSecond())));
        write(response, payload + "." + ENCODER.encodeToString(mac(payload)), LIFETIME, request.isSecure());
    }

    /**
     * Clears the cookie: the code it signed in for has been issued. It is the only cookie
     * of that answer (it replaces the session cookie of a session just ended).
     */
    public void clear(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Set-Cookie", cookie("", Duration.ZERO, request.isSecure()));
    }

    private void write(HttpServletResponse response, String value, Duration maxAge, boolean secure) {
        response.addHeader("Set-Cookie", cookie(value, maxAge, secure));
    }

    private String cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value)
            .path(path)
            .httpOnly(true)
            .secure(secure)
            .sameSite("Lax")
            .maxAge(maxAge)
            .build()
            .toString();
    }

    /** The facts of a valid, unexpired cookie of the request. */
    public Optional<Facts> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                Optional<Facts> facts = open(cookie.getValue());
                if (facts.isPresent()) {
                    return facts;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Facts> open(@Nullable String value) {
        if (value == null || value.length() > 1024) {
            return Optional.empty();
        }
        int seal = value.lastIndexOf('.');
        if (seal < 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, seal);
        try {
            byte[] given = Base64.getUrlDecoder().decode(value.substring(seal + 1));
            if (!MessageDigest.isEqual(given, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\.", -1);
            if (parts.length != 6) {
                return Optional.empty();
            }
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(decode(parts[5])));
            if (!clock.instant().isBefore(expiresAt)) {
                return Optional.empty();
            }
            String os = decode(parts[4]);
            return Optional.of(new Facts(decode(parts[0]), SignInMethod.valueOf(decode(parts[1]).toUpperCase()),
                    Instant.ofEpochSecond(Long.parseLong(decode(parts[2]))), decode(parts[3]),
                    os.isEmpty() ? null : os));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** The authentication the authorization endpoint sees for these facts. */
    public static Authentication authentication(Facts facts) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(METHOD + facts.method().wireName()));
        authorities.add(new SimpleGrantedAuthority(AUTH_TIME + facts.authTime().getEpochSecond()));
        // Spring's ID token takes auth_time from the factors of the authentication
        authorities.add(FactorGrantedAuthority.withFactor(facts.method().name()).issuedAt(facts.authTime()).build());
        authorities.add(new SimpleGrantedAuthority(DEVICE + facts.deviceId()));
        if (facts.os() != null) {
            authorities.add(new SimpleGrantedAuthority(OS + facts.os()));
        }
        return UsernamePasswordAuthenticationToken.authenticated(facts.accountId(), null, authorities);
    }

    /**
     * The facts of an authentication made by {@link #authentication}, as the code's
     * authorization kept it; empty for any other authentication.
     */
    public static Optional<Facts> of(@Nullable Authentication authentication) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken token)
                || !(token.getPrincipal() instanceof String accountId)) {
            return Optional.empty();
        }
        String method = null;
        String authTime = null;
        String device = null;
        String os = null;
        for (GrantedAuthority authority : token.getAuthorities()) {
            String a = authority.getAuthority();
            if (a == null) {
                continue;
            }
            if (a.startsWith(METHOD)) {
                method = a.substring(METHOD.length());
            }
            else if (a.startsWith(AUTH_TIME)) {
                authTime = a.substring(AUTH_TIME.length());
            }
            else if (a.startsWith(DEVICE)) {
                device = a.substring(DEVICE.length());
            }
            else if (a.startsWith(OS)) {
                os = a.substring(OS.length());
            }
        }
        if (method == null || authTime == null || device == null) {
            return Optional.empty();
        }
        return Optional.of(new Facts(accountId, SignInMethod.valueOf(method.toUpperCase()),
                Instant.ofEpochSecond(Long.parseLong(authTime)), device, os));
    }

    // the authorization endpoint's security context: the cookie's sign-in, never stored
    // anywhere else

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return context(holder.getRequest());
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {

            private @Nullable SecurityContext context;

            @Override
            public SecurityContext get() {
                if (context == null) {
                    context = context(request);
                }
                return context;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }

        };
    }

    private SecurityContext context(HttpServletRequest request) {
        return read(request).map(facts -> (SecurityContext) new SecurityContextImpl(authentication(facts)))
            .orElseGet(SecurityContextHolder::createEmptyContext);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return read(request).isPresent();
    }

    private static String encode(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

}
