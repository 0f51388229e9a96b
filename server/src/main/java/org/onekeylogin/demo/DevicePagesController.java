package org.onekeylogin.demo;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages that simulate the three devices in a browser: {@code /tv} (living-room TV,
 * arrow keys and Enter as the remote), {@code /phone} (the phone app that approves) and
 * {@code /pc} (one-key sign-in on a PC). The index page at {@code /} explains the demo
 * and links them.
 */
@Controller
class DevicePagesController {

    @GetMapping("/tv")
    String tv() {
        return "forward:/tv.html";
    }

    @GetMapping("/phone")
    String phone() {
        return "forward:/phone.html";
    }

    @GetMapping("/pc")
    String pc() {
        return "forward:/pc.html";
    }

}
