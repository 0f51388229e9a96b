package org.onekeylogin.system;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The caller's IP address as this node sees it, in one written form: an IPv4-mapped IPv6
 * address ({@code ::ffff:192.0.2.7}) is the IPv4 address, and an IPv6 address is written
 * as RFC 5952 recommends ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}), so one address is
 * one string for comparisons, limits and what a phone shows. Behind a proxy, set
 * {@code server.forward-headers-strategy} so that the servlet container resolves the
 * forwarded address; this class never trusts headers by itself.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return normalize(request.getRemoteAddr());
    }

    /**
     * An IP address literal in its one written form; anything that is not an IP literal
     * is returned as it is (no name is ever looked up).
     */
    public static String normalize(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        int scope = literal.indexOf('%');
        String bare = scope < 0 ? literal : literal.substring(0, scope);
        if (!bare.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        InetAddress parsed;
        try {
            // a literal of hex digits, colons and dots: parsed, never resolved
            parsed = InetAddress.getByName(bare);
        }
        catch (UnknownHostException | SecurityException ex) {
            return address;
        }
        if (!(parsed instanceof Inet6Address)) {
            return parsed.getHostAddress(); // an IPv4-mapped address comes back as IPv4
        }
        return compress(parsed.getAddress()) + (scope < 0 ? "" : literal.substring(scope));
    }

    /** RFC 5952 section 4: lower case, no leading zeros, the longest zero run as "::". */
    private static String compress(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

}
