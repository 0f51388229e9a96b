package org.onekeylogin.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller's IP address as this node sees it. Behind a proxy, set
 * {@code server.forward-headers-strategy} so that the servlet container resolves the
 * forwarded address; this class never trusts headers by itself.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

}
