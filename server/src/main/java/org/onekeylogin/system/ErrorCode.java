package org.onekeylogin.system;

import org.springframework.http.HttpStatus;

/**
 * The stable, machine-readable error codes of the JSON API. Clients branch on
 * {@link #code()}; the message that travels with it is for people and may change. OAuth2
 * endpoints keep the OAuth2 error format instead.
 */
public enum ErrorCode {

    MALFORMED_JSON(HttpStatus.BAD_REQUEST), VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST), UNKNOWN_CLIENT(HttpStatus.BAD_REQUEST),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED), INVALID_TOKEN(HttpStatus.UNAUTHORIZED),
    AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED), ACCOUNT_NOT_ACTIVE(HttpStatus.FORBIDDEN),
    FORBIDDEN(HttpStatus.FORBIDDEN), NOT_FOUND(HttpStatus.NOT_FOUND), ACCOUNT_NOT_FOUND(HttpStatus.NOT_FOUND),
    SESSION_NOT_FOUND(HttpStatus.NOT_FOUND), METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE), LOGIN_NAME_TAKEN(HttpStatus.CONFLICT),
    PHONE_NUMBER_TAKEN(HttpStatus.CONFLICT), SESSION_ALREADY_SIGNED_OUT(HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE), UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS), REGISTRATION_CLOSED(HttpStatus.FORBIDDEN),
    NO_CONTROL_TERMINAL(HttpStatus.CONFLICT), REQUESTER_BLOCKED(HttpStatus.FORBIDDEN),
    LOGIN_REQUEST_NOT_FOUND(HttpStatus.NOT_FOUND), LOGIN_REQUEST_CLOSED(HttpStatus.CONFLICT),
    WRONG_VERIFICATION_CODE(HttpStatus.BAD_REQUEST), AUTHORIZATION_PENDING(HttpStatus.CONFLICT),
    LOGIN_DENIED(HttpStatus.FORBIDDEN), LOGIN_FAILED(HttpStatus.FORBIDDEN), LOGIN_REQUEST_EXPIRED(HttpStatus.GONE),
    LOGIN_REQUEST_ALREADY_USED(HttpStatus.CONFLICT), SIGN_IN_CHOICE_INVALID(HttpStatus.GONE),
    DEVICE_CODE_NOT_FOUND(HttpStatus.NOT_FOUND), DEVICE_CODE_EXPIRED(HttpStatus.GONE),
    DEVICE_CODE_ALREADY_DECIDED(HttpStatus.CONFLICT), SMS_CODE_INVALID(HttpStatus.BAD_REQUEST),
    WRONG_SMS_CODE(HttpStatus.BAD_REQUEST), SMS_CODE_EXPIRED(HttpStatus.GONE),
    SMS_CODE_ATTEMPTS_EXCEEDED(HttpStatus.FORBIDDEN), UNKNOWN_PHONE_NUMBER(HttpStatus.NOT_FOUND),
    BINDING_NOT_FOUND(HttpStatus.NOT_FOUND), SERVER_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    /** The wire value, e.g. {@code session_not_found}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public HttpStatus status() {
        return status;
    }

}
