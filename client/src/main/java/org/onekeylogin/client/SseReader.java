package org.onekeylogin.client;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads server-sent events (the WHATWG event-stream format) line by line: {@code id},
 * {@code event}, {@code data} fields, comments (the service's {@code :connected} and
 * {@code :heartbeat}), events ended by an empty line.
 */
final class SseReader {

    /** What the reader found. */
    interface Sink {

        void comment(String text);

        void event(String id, String type, String data);

    }

    private final BufferedReader in;

    SseReader(BufferedReader in) {
        this.in = in;
    }

    /** Reads until the stream ends. */
    void readAll(Sink sink) throws IOException {
        String id = null;
        String type = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    sink.event(id, type == null ? "message" : type, data.toString());
                }
                id = null;
                type = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                sink.comment(line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if ("id".equals(field)) {
                id = value;
            }
            else if ("event".equals(field)) {
                type = value;
            }
            else if ("data".equals(field)) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
    }

}
