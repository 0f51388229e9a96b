package org.onekeylogin.demo;

import org.springframework.context.annotation.Bean;
import org.onekeylogin.system.OpenApiEndpoints;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.sms.SmsOutbox;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the demo pages ask: {@code GET /api/v1/demo} (no token) names the networks of the
 * network picker and, with {@code --demo}, the household and its password;
 * {@code GET /api/v1/demo/texts} (token) shows a demo phone the texts the outbox holds
 * for its account's number, standing in for the phone's SMS inbox.
 */
@RestController
class DemoController {

    /** Served without an access token. */
    @Bean
    static OpenApiEndpoints demoDescriptionIsOpen() {
        return OpenApiEndpoints.get("/api/v1/demo");
    }

    private final boolean enabled;

    private final AccountService accounts;

    private final SmsOutbox outbox;

    DemoController(@Value("${onekey.demo.enabled:false}") boolean enabled, AccountService accounts, SmsOutbox outbox) {
        this.enabled = enabled;
        this.accounts = accounts;
        this.outbox = outbox;
    }

    record Network(String name, @Nullable String ssid, @Nullable String bssid, @Nullable String gatewayMac,
            String security) {

        static Network of(String name, NetworkReport report) {
            return new Network(name, report.ssid(), report.bssid(), report.gatewayMac(), report.security().wireName());
        }
    }

    record Member(String login, String displayName, String about) {
    }

    record Demo(boolean enabled, List<Network> networks, @Nullable String password, List<Member> household) {
    }

    record Texts(List<SmsOutbox.Queued> texts) {
    }

    private static final List<Member> HOUSEHOLD = List.of(
            new Member("dad", "Dad Liu", "VIP member; his phone has been home every evening for six weeks"),
            new Member("mum", "Mum Liu", "her phone has been home for five days; it approves the kid's sign-ins"),
            new Member("kid", "Kid Liu", "bound to Mum: Mum's phone approves"),
            new Member("grandma", "Grandma Liu", "no app: her number +86 138 0000 0004 gets the TV's text code"));

    @GetMapping("/api/v1/demo")
    Demo demo() {
        List<Network> networks = List.of(Network.of("Home Wi-Fi", DemoNetworks.HOME),
                Network.of("Office Wi-Fi", DemoNetworks.OFFICE));
        if (!enabled) {
            return new Demo(false, networks, null, List.of());
        }
        return new Demo(true, networks, DemoHousehold.PASSWORD, HOUSEHOLD);
    }

    @GetMapping("/api/v1/demo/texts")
    Texts texts(Caller caller) {
        if (!enabled) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The demo is not running on this service.");
        }
        Account account = accounts.get(caller.accountId());
        return new Texts(account.phoneNumber() == null ? List.of() : outbox.recentFor(account.phoneNumber(), 10));
    }

}
