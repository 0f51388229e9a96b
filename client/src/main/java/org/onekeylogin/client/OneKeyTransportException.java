package org.onekeylogin.client;

import java.io.IOException;

/**
 * No usable answer arrived: the connection failed, timed out, or the answer was not the
 * service's. Whether the request took effect is unknown.
 */
public class OneKeyTransportException extends OneKeyException {

    OneKeyTransportException(String message, IOException cause) {
        super(message, 0, null, null, cause);
    }

    OneKeyTransportException(String message, int httpStatus) {
        super(message, httpStatus, null, null, null);
    }

}
