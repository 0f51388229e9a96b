package org.onekeylogin.network;

import org.jspecify.annotations.Nullable;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.ScreenClass;
import org.onekeylogin.push.PushStreamOpened;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Caller;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Network reports of signed-in devices: the heartbeat
 * ({@code POST /api/v1/network/report}) and the {@code OneKey-Network} header sent when
 * the push channel opens. Each marks the device present in the network, ties the caller's
 * address to it, and adds the time since the device's previous report there to its
 * account's liveness.
 */
@Component
class DeviceNetworkReports {

    static final String HEADER = "OneKey-Network";

    private static final int MAX_HEADER_LENGTH = 512;

    private final NetworkEnvironments networks;

    private final DeviceSessionService sessions;

    private final JsonMapper json;

    DeviceNetworkReports(NetworkEnvironments networks, DeviceSessionService sessions, JsonMapper json) {
        this.networks = networks;
        this.sessions = sessions;
        this.json = json;
    }

    void report(Caller caller, NetworkReport report, @Nullable String ip) {
        DeviceSession session = sessions.find(caller.sessionId())
            .orElseThrow(() -> new ApiException(ErrorCode.SESSION_NOT_FOUND, "This device is not signed in."));
        ObservedNetwork network = networks.identify(report);
        networks.seen(network, ip);
        networks.heartbeat(session.device().id(), network, session.accountId(),
                session.device().screenClass() == ScreenClass.SMALL);
    }

    @EventListener
    void on(PushStreamOpened opened) {
        if (opened.networkHeader() != null && !opened.networkHeader().isBlank()) {
            report(opened.caller(), parse(opened.networkHeader()), opened.ip());
        }
    }

    private NetworkReport parse(String header) {
        if (header.length() > MAX_HEADER_LENGTH) {
            throw ApiException.invalid(HEADER, HEADER + " has at most " + MAX_HEADER_LENGTH + " characters.");
        }
        try {
            NetworkReport report = json.readValue(header, NetworkReport.class);
            if (report == null) {
                throw ApiException.invalid(HEADER, "Send the network as a JSON object.");
            }
            return report;
        }
        catch (JacksonException e) {
            if (e.getCause() instanceof ApiException invalid) {
                throw invalid;
            }
            throw ApiException.invalid(HEADER,
                    HEADER + " must be a JSON object like {\"bssid\": \"a4:2b:b0:12:34:56\", "
                            + "\"security\": \"personal\"}.");
        }
    }

}
