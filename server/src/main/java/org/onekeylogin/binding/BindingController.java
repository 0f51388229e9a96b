package org.onekeylogin.binding;

import jakarta.servlet.http.HttpServletRequest;
import org.onekeylogin.account.AccountView;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.Caller;
import org.onekeylogin.system.ClientAddress;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Binding another account to the caller's, and seeing and removing bindings. */
@RestController
class BindingController {

    private final Bindings bindings;

    BindingController(Bindings bindings) {
        this.bindings = bindings;
    }

    record BindRequest(String login, String password) {
        BindRequest {
            if (login == null || login.isBlank() || login.length() > 64) {
                throw ApiException.invalid("login", "Name the account to control.");
            }
            if (password == null || password.isEmpty() || password.length() > 128) {
                throw ApiException.invalid("password", "Type that account's password to prove it is yours to control.");
            }
        }
    }

    /**
     * Binds another account (e.g. a child's) to the caller's: from now on the caller's
     * phones approve its sign-ins as control terminals. Knowing that account's password
     * is the proof of the right to do so.
     */
    @PostMapping("/api/v1/account/controlled-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView bind(@RequestBody BindRequest request, Caller caller, HttpServletRequest http) {
        return AccountView.of(bindings.bind(request.login(), request.password(), caller, ClientAddress.of(http)));
    }

    @GetMapping("/api/v1/account/bindings")
    Bindings.Both list(Caller caller) {
        return bindings.of(caller.accountId());
    }

    /** Either side removes a binding. */
    @DeleteMapping("/api/v1/account/bindings/{bindingId}")
    ResponseEntity<Void> remove(@PathVariable String bindingId, Caller caller, HttpServletRequest http) {
        if (bindingId.length() > 80) {
            throw Bindings.notFound();
        }
        bindings.remove(bindingId, caller, ClientAddress.of(http));
        return ResponseEntity.noContent().build();
    }

}
