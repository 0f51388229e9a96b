package org.onekeylogin.approval;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.DeviceSession;

/**
 * What a control terminal is shown about a request (the third step of phone-approved
 * sign-in): whose account, which device asks, from where and when, whether it is on the
 * same network as this phone — and how many digits to type, but never the code itself. It
 * is also the payload of the {@code login_request} push event.
 */
public record LoginRequestView(String requestId, AccountRef account, Requester requester, Instant requestedAt,
        Instant expiresAt, @Nullable Boolean sameNetwork, String from, @Nullable String bindingMessage,
        int codeLength) {

    /**
     * The account being signed in; {@code viaBinding} when it is bound to this terminal's
     * account (e.g. a child's). {@code nickname} and {@code avatarColor} are how the
     * account appears on its household's screens.
     */
    public record AccountRef(String loginName, String displayName, boolean viaBinding, @Nullable String nickname,
            String avatarColor) {
    }

    /**
     * The asking device; {@code shortId} is four hex digits derived from its device id,
     * so two devices of the same name can be told apart without showing the id itself.
     */
    public record Requester(String type, String name, @Nullable String model, @Nullable String os,
            @Nullable String appVersion, @Nullable String ipAddress, String shortId) {
    }

    /**
     * {@code from}: {@code same_network} (the phone's public address, or the Wi-Fi the
     * phone signed in on), {@code home_network} (a home network of the account, see
     * {@code ControlTerminals}), otherwise {@code elsewhere}.
     */
    static LoginRequestView of(LoginRequest r, Account account, boolean viaBinding, DeviceSession terminal,
            boolean fromHome) {
        DeviceDescription d = r.device();
        Boolean sameNetwork = r.ipAddress() == null || terminal.ipAddress() == null ? null
                : Objects.equals(r.ipAddress(), terminal.ipAddress());
        boolean sameWifi = r.networkId() != null && r.networkId().equals(terminal.networkId());
        String from = Boolean.TRUE.equals(sameNetwork) || sameWifi ? "same_network"
                : fromHome ? "home_network" : "elsewhere";
        return new LoginRequestView(r.id(),
                new AccountRef(account.loginName(), account.displayName(), viaBinding, account.appearance().nickname(),
                        account.avatarColor()),
                new Requester(d.type().wireName(), d.name(), d.model(), d.os(), d.appVersion(), r.ipAddress(),
                        org.onekeylogin.system.Hashing.sha256Hex(d.id()).substring(0, 4)),
                r.createdAt(), r.expiresAt(), sameNetwork, from, r.bindingMessage(), r.verificationCode().length());
    }
}
