package org.onekeylogin.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.AccountStanding;
import org.onekeylogin.account.AccountStatus;
import org.onekeylogin.account.MembershipTier;
import org.onekeylogin.account.Registration;
import org.onekeylogin.account.RiskProfile;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.network.NetworkReport;
import org.onekeylogin.network.ObservedNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Seeds the Liu family once (a restart on the same database keeps what is there): Dad
 * (VIP), Mum, the kid bound to Mum, Grandma (no app, but a number that gets texts); Dad's
 * phone at home every evening for six weeks and Mum's for the last five days (the
 * "Grandma's TV" story), replayed through the network rules on past clocks; and the
 * office with 40 colleagues. The home is seen from the loopback addresses, so a browser
 * on the same machine is "at home" at once.
 */
@Component
@ConditionalOnProperty(prefix = "onekey.demo", name = "enabled", havingValue = "true")
class DemoHousehold implements ApplicationRunner {

    /** Every demo account's password (shown on the demo pages). */
    static final String PASSWORD = "onekey-demo";
    static final List<String> FAMILY = List.of("dad", "mum", "kid", "grandma");
    static final int COLLEAGUES = 40;
    static final int WEEKS_AT_HOME = 6;
    static final int MUM_DAYS_AT_HOME = 5;

    private static final Logger log = LoggerFactory.getLogger(DemoHousehold.class);

    private static final List<String> HOME_ADDRESSES = List.of("127.0.0.1", "::1");

    private final AccountService accounts;

    private final NetworkEnvironments networks;

    private final Clock clock;

    DemoHousehold(AccountService accounts, NetworkEnvironments networks, Clock clock) {
        this.accounts = accounts;
        this.networks = networks;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.warn("Demo mode: the demo household's accounts share a published password. Never run a real deployment "
                + "with --demo.");
        if (accounts.findByIdentifier("dad").isPresent()) {
            log.info("Demo household already present");
            return;
        }
        Account dad = member("dad", "Dad Liu", "+8613800000001", MembershipTier.VIP, 30);
        Account mum = member("mum", "Mum Liu", "+8613800000002", MembershipTier.FREE, 20);
        Account kid = member("kid", "Kid Liu", null, MembershipTier.FREE, 3);
        member("grandma", "Grandma Liu", "+8613800000004", MembershipTier.FREE, 1);
        accounts.bind(kid.id(), mum.id());

        ObservedNetwork home = networks.identify(DemoNetworks.HOME);
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        for (int daysAgo = WEEKS_AT_HOME * 7; daysAgo >= 1; daysAgo--) {
            Instant evening = today.minus(Duration.ofDays(daysAgo)).plus(Duration.ofHours(19));
            atHome(home, dad, evening, Duration.ofHours(3));
            if (daysAgo <= MUM_DAYS_AT_HOME) {
                atHome(home, mum, evening.plus(Duration.ofMinutes(30)), Duration.ofHours(1));
            }
        }

        NetworkReport office = DemoNetworks.OFFICE;
        ObservedNetwork officeNetwork = networks.identify(office);
        for (int i = 1; i <= COLLEAGUES; i++) {
            Account colleague = member(String.format("colleague%02d", i), String.format("Colleague %02d", i), null,
                    MembershipTier.FREE, 5);
            Instant morning = today.minus(Duration.ofDays(1 + i % 10)).plus(Duration.ofHours(9));
            NetworkEnvironments then = networks.at(Clock.fixed(morning, ZoneOffset.UTC));
            then.seen(officeNetwork, "203.0.113.20");
            then.signedIn(officeNetwork, colleague.id());
        }
        log.info("Demo household seeded: {} family accounts, {} colleagues (password '{}')", FAMILY.size(), COLLEAGUES,
                PASSWORD);
    }

    private Account member(String login, String displayName, @Nullable String phone, MembershipTier tier, int level) {
        Account account = accounts.register(new Registration(login, phone, displayName, PASSWORD));
        return accounts.updateStanding(account.id(),
                new AccountStanding(AccountStatus.ACTIVE, tier, level, RiskProfile.NONE));
    }

    /**
     * One evening of a phone at home: it signs in and stays a while, reached from the
     * home's public address.
     */
    private void atHome(ObservedNetwork home, Account account, Instant at, Duration stay) {
        NetworkEnvironments then = networks.at(Clock.fixed(at, ZoneOffset.UTC));
        HOME_ADDRESSES.forEach(address -> then.seen(home, address));
        then.signedIn(home, account.id());
        then.active(home, account.id(), stay);
    }

}
