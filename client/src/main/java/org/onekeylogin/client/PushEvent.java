package org.onekeylogin.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of the device's stream: {@code signed_out}, {@code login_request},
 * {@code login_request_closed}, {@code signed_in_elsewhere}, or a type a newer service
 * added (ignore those). Events belong to the device, not one session: compare
 * {@link #sessionId()} with your own before acting on a {@code signed_out}.
 */
public final class PushEvent {

    public static final String SIGNED_OUT = "signed_out";

    public static final String LOGIN_REQUEST = "login_request";

    public static final String LOGIN_REQUEST_CLOSED = "login_request_closed";

    public static final String SIGNED_IN_ELSEWHERE = "signed_in_elsewhere";

    private final long id;

    private final String type;

    private final String rawData;

    PushEvent(long id, String type, String rawData) {
        this.id = id;
        this.type = type;
        this.rawData = rawData;
    }

    /** Increasing per device; what {@code Last-Event-ID} resumes from. */
    public long id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** The event's JSON object. */
    public JsonNode data() {
        return Json.tree(rawData);
    }

    /** The event's JSON read into a class of the app's (snake_case fields). */
    public <T> T dataAs(Class<T> type) {
        return Json.read(rawData, type);
    }

    public String rawData() {
        return rawData;
    }

    /** The {@code session_id} the event is about, or null. */
    public String sessionId() {
        JsonNode value = data().path("session_id");
        return value.isTextual() ? value.asText() : null;
    }

    @Override
    public String toString() {
        return "PushEvent[" + id + " " + type + "]";
    }

}
