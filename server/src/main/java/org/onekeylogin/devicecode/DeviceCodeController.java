package org.onekeylogin.devicecode;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.Caller;
import org.onekeylogin.system.ClientAddress;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * QR-code sign-in, the phone's API (look up, approve, deny a user code) and the QR image
 * the TV shows. The image encodes this service's {@code /link?user_code=...} for any
 * well-formed code, so it reveals nothing about which codes exist.
 */
@RestController
class DeviceCodeController {

    /** Served without an access token. */
    @Bean
    static OpenApiEndpoints qrImagesAreOpen() {
        return OpenApiEndpoints.get("/api/v1/device-codes/*/qr.png", "/api/v1/device-codes/*/qr.svg");
    }

    /** Asked by the device that shows the code, which has no token yet. */
    @Bean
    static OpenApiEndpoints deviceCodeStatusIsOpen() {
        return OpenApiEndpoints.post("/api/v1/device-codes/status");
    }

    private final DeviceCodeApproval approval;

    private final DeviceCodePolling polling;

    DeviceCodeController(DeviceCodeApproval approval, DeviceCodePolling polling) {
        this.approval = approval;
        this.polling = polling;
    }

    record StatusRequest(@Nullable String deviceCode) {
    }

    /**
     * Where the device's code stands, answered {@code 200} while it is pending (OneKey's
     * extension; the token endpoint itself answers as RFC 8628 says).
     */
    @PostMapping("/api/v1/device-codes/status")
    DeviceCodePolling.Status status(@RequestBody StatusRequest request, HttpServletRequest http) {
        return polling.status(request.deviceCode(), ClientAddress.of(http));
    }

    @GetMapping("/api/v1/device-codes/{userCode}")
    DeviceCodeApproval.DeviceCodeView describe(@PathVariable String userCode, Caller caller) {
        return approval.describe(userCode, caller);
    }

    @PostMapping("/api/v1/device-codes/{userCode}/approve")
    Map<String, String> approve(@PathVariable String userCode, Caller caller) {
        approval.approve(userCode, caller);
        return Map.of("status", "approved");
    }

    @PostMapping("/api/v1/device-codes/{userCode}/deny")
    Map<String, String> deny(@PathVariable String userCode, Caller caller) {
        approval.deny(userCode, caller);
        return Map.of("status", "denied");
    }

    @GetMapping(path = "/api/v1/device-codes/{userCode}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> png(@PathVariable String userCode) {
        return ResponseEntity.ok()
            .cacheControl(CacheControl.noStore())
            .contentType(MediaType.IMAGE_PNG)
            .body(QrCodes.png(link(userCode), 360));
    }

    @GetMapping(path = "/api/v1/device-codes/{userCode}/qr.svg", produces = "image/svg+xml")
    ResponseEntity<String> svg(@PathVariable String userCode) {
        return ResponseEntity.ok()
            .cacheControl(CacheControl.noStore())
            .contentType(MediaType.valueOf("image/svg+xml"))
            .body(QrCodes.svg(link(userCode)));
    }

    private static String link(String userCode) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
            .path(DeviceCodeSetup.LINK_PATH)
            .queryParam("user_code", UserCode.normalize(userCode))
            .build()
            .toUriString();
    }

}
