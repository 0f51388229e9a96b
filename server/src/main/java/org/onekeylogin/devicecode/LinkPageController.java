package org.onekeylogin.devicecode;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /link}: the verification page the QR code opens (RFC 8628
 * {@code verification_uri}). In a phone's browser it signs the person in if needed, shows
 * which device asks (type, name, address, time) and approves or denies; people without
 * the QR code type the code there.
 */
@Controller
class LinkPageController {

    @GetMapping(DeviceCodeSetup.LINK_PATH)
    String link() {
        return "forward:/link.html";
    }

}
