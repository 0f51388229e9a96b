package org.onekeylogin.client;

import java.util.List;

/**
 * The caller's bindings both ways: the accounts that control the caller's
 * ({@link #controlledBy()}) and those the caller's controls ({@link #controls()}).
 */
public final class Bindings {

    private List<Binding> controlledBy = List.of();

    private List<Binding> controls = List.of();

    private Bindings() {
    }

    public List<Binding> controlledBy() {
        return controlledBy == null ? List.of() : List.copyOf(controlledBy);
    }

    public List<Binding> controls() {
        return controls == null ? List.of() : List.copyOf(controls);
    }

}
