package org.onekeylogin.client;

import java.time.Duration;
import java.util.Map;

/**
 * The JSON API refused a request: {@code {"code": ..., "message": ..., "details": ...}}.
 * Branch on {@link #code()}; {@link #wireCode()} keeps the code as sent, also when it is
 * {@link ErrorCode#UNKNOWN} to this library.
 */
public class OneKeyApiException extends OneKeyException {

    private final ErrorCode code;

    private final String wireCode;

    OneKeyApiException(int httpStatus, String wireCode, String message, Map<String, Object> details,
            Duration retryAfter) {
        super(message == null ? wireCode : message, httpStatus, details, retryAfter, null);
        this.wireCode = wireCode;
        this.code = ErrorCode.fromWire(wireCode);
    }

    public ErrorCode code() {
        return code;
    }

    public String wireCode() {
        return wireCode;
    }

}
