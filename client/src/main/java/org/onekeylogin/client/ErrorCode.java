package org.onekeylogin.client;

import java.util.Locale;

/**
 * The error codes of the OneKey JSON API, as the service sends them in {@code code}. Apps
 * branch on these, never on the message, which is written for people and may change.
 * {@link #UNKNOWN} stands for a code this version of the library does not know yet, so an
 * app keeps working against a newer service.
 */
public enum ErrorCode {

    MALFORMED_JSON(400), VALIDATION_FAILED(400), INVALID_REQUEST(400), UNKNOWN_CLIENT(400), INVALID_CREDENTIALS(401),
    INVALID_TOKEN(401), AUTHENTICATION_REQUIRED(401), ACCOUNT_NOT_ACTIVE(403), FORBIDDEN(403), NOT_FOUND(404),
    ACCOUNT_NOT_FOUND(404), SESSION_NOT_FOUND(404), METHOD_NOT_ALLOWED(405), NOT_ACCEPTABLE(406), LOGIN_NAME_TAKEN(409),
    PHONE_NUMBER_TAKEN(409), SESSION_ALREADY_SIGNED_OUT(409), PAYLOAD_TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(415),
    TOO_MANY_REQUESTS(429), REGISTRATION_CLOSED(403), NO_CONTROL_TERMINAL(409), REQUESTER_BLOCKED(403),
    LOGIN_REQUEST_NOT_FOUND(404), LOGIN_REQUEST_CLOSED(409), WRONG_VERIFICATION_CODE(400), AUTHORIZATION_PENDING(409),
    LOGIN_DENIED(403), LOGIN_FAILED(403), LOGIN_REQUEST_EXPIRED(410), LOGIN_REQUEST_ALREADY_USED(409),
    SIGN_IN_CHOICE_INVALID(410), DEVICE_CODE_NOT_FOUND(404), DEVICE_CODE_EXPIRED(410), DEVICE_CODE_ALREADY_DECIDED(409),
    SMS_CODE_INVALID(400), WRONG_SMS_CODE(400), SMS_CODE_EXPIRED(410), SMS_CODE_ATTEMPTS_EXCEEDED(403),
    UNKNOWN_PHONE_NUMBER(404), BINDING_NOT_FOUND(404), SERVER_ERROR(500),

    /**
     * A code this version of the library does not know; see the exception's wire code.
     */
    UNKNOWN(0);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The value on the wire, e.g. {@code session_not_found}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status the service answers this code with (0 for {@link #UNKNOWN}). */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code for a wire value; {@link #UNKNOWN} for a value this library does not know.
     */
    public static ErrorCode fromWire(String wire) {
        if (wire == null || wire.isBlank()) {
            return UNKNOWN;
        }
        for (ErrorCode code : values()) {
            if (code != UNKNOWN && code.wireName().equals(wire)) {
                return code;
            }
        }
        return UNKNOWN;
    }

}
