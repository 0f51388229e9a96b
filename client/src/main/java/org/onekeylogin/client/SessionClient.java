package org.onekeylogin.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of a signed-in device: the phone side of approvals and QR codes, signed-in
 * devices, consents, bindings, network reports, push registration, and the event stream.
 * Tokens come from the {@link TokenStore}; an access token that expired or was refused is
 * refreshed once (see {@link TokenManager}) and the call repeated. When the session has
 * ended, calls throw {@link SignedOutException} and the stored tokens are gone.
 */
public final class SessionClient {

    private final Wire wire;

    private final TokenManager tokens;

    SessionClient(Wire wire, TokenManager tokens) {
        this.wire = wire;
        this.tokens = tokens;
    }

    /** The current tokens (refreshed first if about to expire). */
    public Tokens tokens() {
        return tokens.current();
    }

    public Account account() {
        return call("GET", "/api/v1/account", null, Account.class);
    }

    /** Both switches are sent, so one is never turned off by accident. */
    public Account updateConsents(boolean mayRecommend, boolean mayAutoSignIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("may_recommend", mayRecommend);
        body.put("may_auto_sign_in", mayAutoSignIn);
        return call("PUT", "/api/v1/account/consents", body, Account.class);
    }

    /** The sign-in requests waiting for this phone's answer. */
    public List<PendingApproval> pendingApprovals() {
        return call("GET", "/api/v1/approvals", null, Pending.class).requests();
    }

    /**
     * Approves with the code the other screen shows. A wrong code cancels the request:
     * {@link OneKeyApiException} {@link ErrorCode#WRONG_VERIFICATION_CODE}.
     */
    public void approve(String requestId, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        call("POST", "/api/v1/approvals/" + Wire.pathSegment(requestId) + "/approve", body, null);
    }

    /** Declines: by mistake, or "that wasn't me" (which blocks the requester). */
    public void deny(String requestId, DenyReason reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason.wireName());
        call("POST", "/api/v1/approvals/" + Wire.pathSegment(requestId) + "/deny", body, null);
    }

    /** What a scanned or typed QR code would sign in (case and dashes do not matter). */
    public DeviceCodeDetails deviceCode(String userCode) {
        return call("GET", "/api/v1/device-codes/" + Wire.pathSegment(userCode), null, DeviceCodeDetails.class);
    }

    /** Signs the device showing the QR code in to this account. */
    public void approveDeviceCode(String userCode) {
        call("POST", "/api/v1/device-codes/" + Wire.pathSegment(userCode) + "/approve", Map.of(), null);
    }

    public void denyDeviceCode(String userCode) {
        call("POST", "/api/v1/device-codes/" + Wire.pathSegment(userCode) + "/deny", Map.of(), null);
    }

    /**
     * The account's signed-in devices (and those of bound accounts), most recent first.
     */
    public List<Session> sessions() {
        return call("GET", "/api/v1/sessions", null, Sessions.class).sessions();
    }

    /**
     * Signs a device out ("remote sign-out"): its tokens stop working at once and its
     * event stream gets {@code signed_out}.
     */
    public void signOut(String sessionId) {
        call("DELETE", "/api/v1/sessions/" + Wire.pathSegment(sessionId), null, null);
    }

    /** Signs this device out and forgets its tokens. */
    public void signOutThisDevice() {
        try {
            call("DELETE", "/api/v1/sessions/current", null, null);
        }
        finally {
            tokens.forget();
        }
    }

    /**
     * "That wasn't me" about a signed-in device: signs it out and blocks it, its address
     * and its network for the account for 24 hours.
     */
    public void notMe(String sessionId) {
        call("POST", "/api/v1/sessions/" + Wire.pathSegment(sessionId) + "/not-me", Map.of(), null);
    }

    /**
     * Binds another account (e.g. a child's) by its password: this account's phones then
     * approve its sign-ins.
     */
    public Account bindAccount(String login, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", login);
        body.put("password", password);
        return call("POST", "/api/v1/account/controlled-accounts", body, Account.class);
    }

    /** The account's bindings, both ways ({@code GET /api/v1/account/bindings}). */
    public Bindings bindings() {
        return call("GET", "/api/v1/account/bindings", null, Bindings.class);
    }

    /**
     * Removes a binding, from either side ({@code DELETE /api/v1/account/bindings/{id}});
     * one that is not the caller's or no longer exists:
     * {@link ErrorCode#BINDING_NOT_FOUND}.
     */
    public void unbind(String bindingId) {
        call("DELETE", "/api/v1/account/bindings/" + Wire.pathSegment(bindingId), null, null);
    }

    /**
     * Registers (or replaces) the device's push token for this session, so the service
     * can wake the app when a sign-in waits for its approval; send it again whenever the
     * platform gives the app a new token. Answers whether this service pushes to that
     * platform (when not, only the event stream carries events). A malformed token is
     * refused with {@link ErrorCode#VALIDATION_FAILED}. Signing out forgets it.
     */
    public boolean registerPush(PushRegistration registration) {
        return call("PUT", "/api/v1/push/registration", registration.toJson(), Registered.class).delivered;
    }

    /** Forgets this session's push token; the event stream keeps working. */
    public void unregisterPush() {
        call("DELETE", "/api/v1/push/registration", null, null);
    }

    /** The app's heartbeat on its Wi-Fi: send every few minutes while in use. */
    public void reportNetwork(NetworkReport network) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("network", network.toJson());
        call("POST", "/api/v1/network/report", body, null);
    }

    /**
     * Opens the device's event stream with the default options; it reconnects by itself
     * until closed or signed out.
     */
    public PushStream events(PushListener listener) {
        return events(listener, PushStream.options());
    }

    public PushStream events(PushListener listener, PushStream.Options options) {
        return PushStream.start(wire, tokens, listener, options);
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        Tokens current = tokens.current();
        try {
            return wire.json(method, path, body, current.accessToken(), type);
        }
        catch (OneKeyApiException refused) {
            if (refused.code() != ErrorCode.INVALID_TOKEN) {
                throw refused;
            }
            Tokens renewed = tokens.refreshReplacing(current.accessToken());
            return wire.json(method, path, body, renewed.accessToken(), type);
        }
    }

    private static final class Registered {

        private boolean delivered;

    }

    private static final class Pending {

        private List<PendingApproval> requests = List.of();

        List<PendingApproval> requests() {
            return requests == null ? List.of() : List.copyOf(requests);
        }

    }

    private static final class Sessions {

        private List<Session> sessions = List.of();

        List<Session> sessions() {
            return sessions == null ? List.of() : List.copyOf(sessions);
        }

    }

}
