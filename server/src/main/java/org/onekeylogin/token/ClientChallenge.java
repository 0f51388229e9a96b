package org.onekeylogin.token;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * The {@code WWW-Authenticate} challenge of a refused client (RFC 6749 section 5.2): a
 * client that authenticated with the {@code Authorization} header gets {@code 401} with
 * the scheme it used, so every endpoint that authenticates clients answers alike.
 */
public final class ClientChallenge {

    /** The challenge for HTTP Basic, the one header scheme clients authenticate with. */
    public static final String BASIC = "Basic realm=\"oauth2\"";

    private ClientChallenge() {
    }

    /** Whether the request authenticated (or tried to) with the Authorization header. */
    public static boolean usedHeader(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

}
