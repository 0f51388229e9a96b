package org.onekeylogin.network;

import jakarta.servlet.http.HttpServletRequest;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.ScreenClass;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ClientAddress;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/network/report}: a signed-in device's heartbeat with its current
 * network. It refreshes the device's presence and adds the time since its last report (at
 * most one presence window) to the account's liveness in that network.
 */
@RestController
class NetworkReportController {

    private final DeviceNetworkReports reports;

    NetworkReportController(DeviceNetworkReports reports) {
        this.reports = reports;
    }

    record Report(NetworkReport network) {
        Report {
            if (network == null) {
                throw ApiException.invalid("network", "Report the network the device is on.");
            }
        }
    }

    @PostMapping("/api/v1/network/report")
    ResponseEntity<Void> report(@RequestBody Report report, Caller caller, HttpServletRequest http) {
        reports.report(caller, report.network(), ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }

}
