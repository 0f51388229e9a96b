package org.onekeylogin.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of a device that is not signed in: its sign-in screen, one-key sign-in
 * approved on the phone, the QR code (device grant), SMS code, a recommended account, and
 * password. Each sign-in ends in a {@link SignedIn} (or {@link Tokens} for the QR code);
 * keep its tokens with {@link OneKeyClient#signedIn}.
 */
public final class SignInClient {

    /** The longest wait of one status long poll the service allows is 30 s. */
    private static final int LONG_POLL_SECONDS = 25;

    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final Wire wire;

    private final String clientId;

    private final Clock clock;

    SignInClient(Wire wire, String clientId, Clock clock) {
        this.wire = wire;
        this.clientId = clientId;
        this.clock = clock;
    }

    /**
     * The sign-in screen: accounts that used this device, recommended accounts when
     * {@code network} (optional) is a home, and the other methods.
     */
    public SignInOptions signInOptions(DeviceInfo device, NetworkReport network) {
        Map<String, Object> body = deviceBody(device);
        if (network != null) {
            body.put("network", network.toJson());
        }
        return wire.json("POST", "/api/v1/sign-in-options", body, null, SignInOptions.class);
    }

    /**
     * The person picked an account tile: its phones are asked, as with
     * {@link #startLogin}.
     */
    public LoginStarted pickAccount(String handle, DeviceInfo device) {
        Map<String, Object> body = deviceBody(device);
        body.put("handle", handle);
        body.put("client_id", clientId);
        return wire.json("POST", "/api/v1/sign-in-options/pick", body, null, LoginStarted.class);
    }

    /**
     * Signs in to a recommended account without a phone (its owner allows it; the tokens'
     * {@code amr} is {@code home_network}: ask for a step-up before payments).
     */
    public SignedIn signInRecommended(String handle, DeviceInfo device, NetworkReport network) {
        Map<String, Object> body = deviceBody(device);
        body.put("handle", handle);
        body.put("network", network.toJson());
        body.put("client_id", clientId);
        return signedIn(wire.json("POST", "/api/v1/sign-in/recommended", body, null, SignedIn.Body.class));
    }

    /**
     * One key: asks the account's phones to approve this device. Show
     * {@link LoginStarted#verificationCode()}, then {@link #awaitOutcome(LoginStarted)}.
     */
    public LoginStarted startLogin(String login, DeviceInfo device) {
        return startLogin(login, device, null);
    }

    /**
     * As {@link #startLogin(String, DeviceInfo)}, reporting the network the device is on.
     */
    public LoginStarted startLogin(String login, DeviceInfo device, NetworkReport network) {
        Map<String, Object> body = deviceBody(device);
        body.put("login", login);
        body.put("client_id", clientId);
        if (network != null) {
            body.put("network", network.toJson());
        }
        return wire.json("POST", "/api/v1/login-requests", body, null, LoginStarted.class);
    }

    /**
     * The request's state, waiting up to {@code waitSeconds} (0 to 30) for it to change.
     */
    public LoginStatus loginStatus(LoginStarted started, int waitSeconds) {
        Map<String, Object> body = handle(started);
        body.put("wait_seconds", waitSeconds);
        return wire.json("POST", "/api/v1/login-requests/status", body, null, LoginStatus.class,
                Duration.ofSeconds(waitSeconds + 15L));
    }

    /**
     * Waits for the phone's answer with long polls (no busy polling) until the request is
     * decided or expires, and collects the tokens when it was approved.
     */
    public LoginOutcome awaitOutcome(LoginStarted started) {
        return awaitOutcome(started, Duration.ofSeconds(started.expiresIn() + 10));
    }

    /**
     * As {@link #awaitOutcome(LoginStarted)}, giving up (status {@code pending}) after
     * {@code max}.
     */
    public LoginOutcome awaitOutcome(LoginStarted started, Duration max) {
        Instant deadline = clock.instant().plus(max);
        LoginStatus status = loginStatus(started, 0);
        while (status.isPending()) {
            long left = Duration.between(clock.instant(), deadline).getSeconds();
            if (left <= 0) {
                return LoginOutcome.ended(status);
            }
            status = loginStatus(started, (int) Math.min(LONG_POLL_SECONDS, left));
        }
        if (LoginStatus.APPROVED.equals(status.status())) {
            return LoginOutcome.signedIn(collectSession(started));
        }
        return LoginOutcome.ended(status);
    }

    /** Collects the session and tokens of an approved request (works once). */
    public SignedIn collectSession(LoginStarted started) {
        return signedIn(
                wire.json("POST", "/api/v1/login-requests/session", handle(started), null, SignedIn.Body.class));
    }

    /** The person gave up: the phones stop asking at once. Harmless twice. */
    public void cancelLogin(LoginStarted started) {
        wire.json("POST", "/api/v1/login-requests/cancel", handle(started), null, null);
    }

    /**
     * Starts QR-code sign-in; show the QR code of
     * {@link DeviceGrant#verificationUriComplete()}, then
     * {@link #awaitDeviceGrant(DeviceGrant)}.
     */
    public DeviceGrant startDeviceGrant(DeviceInfo device) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("scope", "profile");
        form.put("device_id", device.id());
        form.put("device_type", device.type().wireName());
        form.put("device_name", device.name());
        form.put("device_os", device.os());
        return wire.form("/oauth2/device_authorization", form, DeviceGrant.class);
    }

    /**
     * One poll of the QR-code sign-in: the tokens once the phone approved, empty while it
     * has not. A denial is {@link OAuthException} {@code access_denied}, expiry
     * {@code expired_token}.
     */
    public Optional<Tokens> pollDeviceGrant(DeviceGrant grant) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", DEVICE_GRANT);
        form.put("device_code", grant.deviceCode());
        form.put("client_id", clientId);
        try {
            return Optional
                .of(Tokens.fromResponse(wire.form("/oauth2/token", form, Tokens.TokenResponse.class), clock));
        }
        catch (OAuthException e) {
            if (OAuthException.AUTHORIZATION_PENDING.equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Polls at the grant's interval (slower after {@code slow_down}) until the phone
     * decides or the code expires.
     */
    public Tokens awaitDeviceGrant(DeviceGrant grant) {
        Instant deadline = clock.instant().plusSeconds(grant.expiresIn() + 10);
        Duration interval = Duration.ofSeconds(grant.interval());
        while (true) {
            try {
                Optional<Tokens> tokens = pollDeviceGrant(grant);
                if (tokens.isPresent()) {
                    return tokens.get();
                }
            }
            catch (OAuthException e) {
                if (!OAuthException.SLOW_DOWN.equals(e.error())) {
                    throw e;
                }
                interval = interval.plusSeconds(5);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new OAuthException(400, OAuthException.EXPIRED_TOKEN, "The code expired while waiting", null);
            }
            sleep(interval);
        }
    }

    /** Asks for a text with a six-digit code to {@code phoneNumber}. */
    public SmsCodeSent requestSmsCode(String phoneNumber, DeviceInfo device) {
        Map<String, Object> body = deviceBody(device);
        body.put("phone_number", phoneNumber);
        return wire.json("POST", "/api/v1/sign-in/sms-code", body, null, SmsCodeSent.class);
    }

    /** Signs in with the code the text brought. */
    public SignedIn signInWithSms(String phoneNumber, String code, DeviceInfo device) {
        Map<String, Object> body = deviceBody(device);
        body.put("phone_number", phoneNumber);
        body.put("code", code);
        body.put("client_id", clientId);
        return signedIn(wire.json("POST", "/api/v1/sign-in/sms", body, null, SignedIn.Body.class));
    }

    /** Signs in with login name (or phone number) and password. */
    public SignedIn signInWithPassword(String login, String password, DeviceInfo device) {
        return signInWithPassword(login, password, device, null);
    }

    /**
     * As {@link #signInWithPassword(String, String, DeviceInfo)}, reporting the network
     * (optional): a phone signed in at home makes its account recommendable there.
     */
    public SignedIn signInWithPassword(String login, String password, DeviceInfo device, NetworkReport network) {
        Map<String, Object> body = deviceBody(device);
        body.put("login", login);
        body.put("password", password);
        body.put("client_id", clientId);
        if (network != null) {
            body.put("network", network.toJson());
        }
        return signedIn(wire.json("POST", "/api/v1/sign-in/password", body, null, SignedIn.Body.class));
    }

    /** Registers an account (where self-service registration is open). */
    public Account register(String loginName, String displayName, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login_name", loginName);
        body.put("display_name", displayName);
        body.put("password", password);
        return wire.json("POST", "/api/v1/accounts", body, null, Account.class);
    }

    private SignedIn signedIn(SignedIn.Body body) {
        return SignedIn.from(body, clock);
    }

    private static Map<String, Object> deviceBody(DeviceInfo device) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device", device.toJson());
        return body;
    }

    private static Map<String, Object> handle(LoginStarted started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth_req_id", started.authReqId());
        return body;
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OneKeyTransportException("Interrupted while waiting for the phone",
                    new java.io.InterruptedIOException());
        }
    }

}
