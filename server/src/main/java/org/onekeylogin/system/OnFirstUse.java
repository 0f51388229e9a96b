package org.onekeylogin.system;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value made when it is first needed, once, instead of while the service starts: for
 * what most deployments never use, such as the HTTP client of a CIBA ping (each JDK HTTP
 * client keeps a thread of its own).
 */
public final class OnFirstUse<T> implements Supplier<T> {

    private final Supplier<T> maker;

    private volatile @Nullable T value;

    public OnFirstUse(Supplier<T> maker) {
        this.maker = maker;
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = maker.get();
                    value = made;
                }
            }
        }
        return made;
    }

}
