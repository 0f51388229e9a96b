package org.onekeylogin.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The device's token at its platform's push service (FCM, APNs, ...), so the service can
 * wake the app when a sign-in waits for approval. Sent with
 * {@link SessionClient#registerPush}. Pushes carry only an event's id and type
 * ({@code event_id}, {@code event_type}); the app then reads the event over the API, e.g.
 * {@link SessionClient#pendingApprovals()} for {@code login_request}.
 */
public final class PushRegistration {

    private final String platform;

    private final String token;

    /** An Android (or Firebase) app's FCM registration token. */
    public static PushRegistration fcm(String registrationToken) {
        return new PushRegistration("fcm", registrationToken);
    }

    /** An iOS app's APNs device token, in hexadecimal. */
    public static PushRegistration apns(String deviceTokenHex) {
        return new PushRegistration("apns", deviceTokenHex);
    }

    public PushRegistration(String platform, String token) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.token = Objects.requireNonNull(token, "token");
    }

    /** e.g. {@code fcm}, {@code apns}. */
    public String platform() {
        return platform;
    }

    public String token() {
        return token;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("platform", platform);
        json.put("token", token);
        return json;
    }

    @Override
    public String toString() {
        return "PushRegistration[" + platform + "]";
    }

}
