package org.onekeylogin.client;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A whole HTTP answer: status, headers and the body as text. */
public final class TransportResponse {

    private final int status;

    private final Map<String, List<String>> headers;

    private final String body;

    public TransportResponse(int status, Map<String, List<String>> headers, String body) {
        this.status = status;
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null) {
                copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
            }
        });
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body == null ? "" : body;
    }

    public int status() {
        return status;
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String body() {
        return body;
    }

}
