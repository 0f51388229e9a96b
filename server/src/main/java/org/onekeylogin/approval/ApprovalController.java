package org.onekeylogin.approval;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The control terminal's side: the open requests it may decide, and its decision. */
@RestController
class ApprovalController {

    private final PhoneApproval approval;

    ApprovalController(PhoneApproval approval) {
        this.approval = approval;
    }

    record Pending(List<LoginRequestView> requests) {
    }

    record Approve(String code) {
        Approve {
            if (code == null || code.isBlank() || code.length() > 6) {
                throw ApiException.invalid("code", "Type the code shown on the device that wants to sign in.");
            }
        }
    }

    record Deny(DenyReason reason) {
        Deny {
            if (reason == null) {
                throw ApiException.invalid("reason", "Say why: 'mistake' or 'not_me'.");
            }
        }
    }

    record Decision(LoginRequestState status, @Nullable DenyReason reason) {
    }

    @GetMapping("/api/v1/approvals")
    Pending pending(Caller caller) {
        return new Pending(approval.pendingFor(caller));
    }

    @PostMapping("/api/v1/approvals/{requestId}/approve")
    Decision approve(@PathVariable String requestId, @RequestBody Approve body, Caller caller) {
        return new Decision(approval.approve(requestId, caller, body.code()), null);
    }

    @PostMapping("/api/v1/approvals/{requestId}/deny")
    Decision deny(@PathVariable String requestId, @RequestBody Deny body, Caller caller) {
        return new Decision(approval.deny(requestId, caller, body.reason()), body.reason());
    }

}
