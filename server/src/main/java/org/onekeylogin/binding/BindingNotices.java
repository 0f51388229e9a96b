package org.onekeylogin.binding;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.Binding;
import org.onekeylogin.device.DeviceSession;
import org.onekeylogin.device.DeviceSessionService;
import org.onekeylogin.push.Notifications;
import org.onekeylogin.push.PushService;
import org.springframework.stereotype.Component;

/**
 * Tells an account's signed-in devices, on their push channels, that a binding was made
 * or removed, so that nobody controls an account without its owner seeing it; each notice
 * is kept as the account's notification too.
 */
@Component
class BindingNotices {

    private final DeviceSessionService sessions;

    private final PushService push;

    private final Notifications notifications;

    BindingNotices(DeviceSessionService sessions, PushService push, Notifications notifications) {
        this.notifications = notifications;
        this.sessions = sessions;
        this.push = push;
    }

    /**
     * {@code account_bound} to every device of the bound account: who controls it now and
     * how to remove that.
     */
    void bound(Binding binding, Account controller) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("binding_id", binding.id());
        notice.put("controller", BindingView.OtherAccount.of(controller));
        notice.put("bound_at", binding.createdAt().toString());
        notice.put("actions", Map.of("remove", "DELETE /api/v1/account/bindings/" + binding.id(), "list",
                "GET /api/v1/account/bindings"));
        tell(binding.accountId(), "account_bound", notice);
    }

    /**
     * {@code binding_removed} to every device of the side that did not remove it.
     */
    void removed(Binding binding, Account remover, String toldAccountId, Instant at) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("binding_id", binding.id());
        notice.put("removed_by", BindingView.OtherAccount.of(remover));
        notice.put("removed_at", at.toString());
        tell(toldAccountId, "binding_removed", notice);
    }

    private void tell(String accountId, String type, Map<String, Object> notice) {
        notice.put("notification_id", notifications.record(accountId, type, notice));
        for (DeviceSession session : sessions.activeSessionsOf(accountId)) {
            push.publish(session.device().id(), session.id(), type, notice);
        }
    }

}
