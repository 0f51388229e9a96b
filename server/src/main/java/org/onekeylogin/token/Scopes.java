package org.onekeylogin.token;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OAuth2 scope strings (RFC 6749 section 3.3: space-delimited, order kept, duplicates
 * dropped).
 */
public final class Scopes {

    private Scopes() {
    }

    /**
     * The scopes of a request; none when the parameter is missing or blank (the client's
     * defaults apply).
     */
    public static Set<String> parse(@Nullable String scope) {
        return scope == null || scope.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
    }

}
