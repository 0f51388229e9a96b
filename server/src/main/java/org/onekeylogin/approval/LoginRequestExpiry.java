package org.onekeylogin.approval;

import java.time.Clock;
import java.time.Instant;
import org.onekeylogin.approval.internal.LoginRequestRepository;
import org.onekeylogin.approval.internal.LoginRequestWaiters;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends the requests of phone-approved sign-in that nobody decided in time, and approvals
 * the client never collected. Each is marked expired and recorded; the terminals of a
 * request still pending are told it closed, and a client waiting on its status is woken.
 * Every node sweeps, but a request leaves its state only once, so each is recorded and
 * announced once.
 */
@Component
class LoginRequestExpiry {

    private final LoginRequestRepository requests;

    private final ControlTerminals terminals;

    private final LoginRequestWaiters waiters;

    private final AuditLog audit;

    private final Clock clock;

    LoginRequestExpiry(LoginRequestRepository requests, ControlTerminals terminals, LoginRequestWaiters waiters,
            AuditLog audit, Clock clock) {
        this.requests = requests;
        this.terminals = terminals;
        this.waiters = waiters;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT5S")
    @SchedulerLock(name = "login-request-expiry", lockAtLeastFor = "PT4S")
    void expireOverdue() {
        Instant now = clock.instant();
        for (LoginRequest r : requests.overdue(now, 500)) {
            if (requests.transition(r.id(), r.state(), LoginRequestState.EXPIRED, null, null, now)) {
                audit.record(new AuditEntry(AuditEventType.LOGIN_EXPIRED, AuditEntry.Outcome.FAILURE, r.accountId(),
                        r.device().id(), null, null, r.ipAddress(), r.state().wireName()));
                if (r.state() == LoginRequestState.PENDING) {
                    terminals.tellClosed(r, LoginRequestState.EXPIRED, null);
                }
                waiters.wake(r.id());
            }
        }
    }

}
