package org.onekeylogin.recommendation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.device.RevokeReason;
import org.onekeylogin.device.SessionOpened;
import org.onekeylogin.device.SessionRevoked;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.network.NetworkEnvironments;
import org.onekeylogin.push.Notifications;
import org.onekeylogin.push.PushService;
import org.onekeylogin.sms.SmsGateway;
import org.onekeylogin.sms.SmsMessage;
import org.onekeylogin.system.Languages;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What follows a password-less sign-in by recommendation: the owner's other devices get a
 * {@code signed_in_elsewhere} event with the new device and how to sign it out (also kept
 * as the account's notification), the owner's phone number gets a text, and the owner's
 * reaction feeds back: signing the device out counts as a cancellation, "that wasn't me"
 * also stops recommending the account in that network.
 */
@Component
class RecommendationFollowUp {

    private final DeviceSessionService sessions;

    private final AccountService accounts;

    private final PushService push;

    private final SmsGateway sms;

    private final NetworkEnvironments networks;

    private final Languages languages;

    private final Notifications notifications;

    RecommendationFollowUp(DeviceSessionService sessions, AccountService accounts, PushService push, SmsGateway sms,
            NetworkEnvironments networks, Languages languages, Notifications notifications) {
        this.languages = languages;
        this.notifications = notifications;
        this.sessions = sessions;
        this.accounts = accounts;
        this.push = push;
        this.sms = sms;
        this.networks = networks;
    }

    @EventListener
    void on(SessionOpened opened) {
        DeviceSession session = opened.session();
        if (session.method() != SignInMethod.RECOMMENDATION) {
            return;
        }
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("session_id", session.id());
        notice.put("device", Map.of("type", session.device().type().wireName(), "name", session.device().name()));
        notice.put("method", session.method().wireName());
        if (session.networkLabel() != null) {
            notice.put("network", session.networkLabel());
        }
        notice.put("signed_in_at", session.createdAt().toString());
        notice.put("actions", Map.of("sign_out", "DELETE /api/v1/sessions/" + session.id(), "not_me",
                "POST /api/v1/sessions/" + session.id() + "/not-me"));
        // kept for the account in this transaction, so "that wasn't me" stays reachable
        // after the push channel's replay has passed
        notice.put("notification_id", notifications.record(session.accountId(), "signed_in_elsewhere", notice));
        for (DeviceSession other : sessions.activeSessionsOf(session.accountId())) {
            if (!other.id().equals(session.id())) {
                push.publish(other.device().id(), other.id(), "signed_in_elsewhere", notice);
            }
        }
        Account account = accounts.get(session.accountId());
        if (account.phoneNumber() != null) {
            sms.send(new SmsMessage(account.phoneNumber(),
                    languages.text("sms.signed_in_elsewhere", Languages.current(), session.device().name()),
                    "signed_in_elsewhere"));
        }
    }

    @EventListener
    void on(SessionRevoked revoked) {
        if (revoked.reason() != RevokeReason.NOT_ME && revoked.reason() != RevokeReason.REMOTE_SIGN_OUT) {
            return;
        }
        sessions.find(revoked.sessionId())
            .filter(s -> s.method() == SignInMethod.RECOMMENDATION && s.networkId() != null)
            .ifPresent(s -> {
                networks.outcome(s.networkId(), s.accountId(), "cancelled");
                if (revoked.reason() == RevokeReason.NOT_ME) {
                    networks.suppress(s.networkId(), s.accountId(), true);
                }
            });
    }

}
