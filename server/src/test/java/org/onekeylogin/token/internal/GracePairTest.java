package org.onekeylogin.token.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GracePairTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private final GracePair pair = new GracePair("onekey-device", "eyJ.access.token", NOW, NOW.plusSeconds(600),
            Set.of("openid", "profile"), "new-refresh-token", NOW, NOW.plusSeconds(86400), "eyJ.id.token");

    @Test
    void whenOpenedWithTheExchangedTokenThenTheSamePairComesBack() {
        String sealed = pair.seal("old-refresh-token");
        assertThat(sealed).doesNotContain("new-refresh-token");
        assertThat(GracePair.open(sealed, "old-refresh-token")).contains(pair);
    }

    @Test
    void whenOpenedWithAnyOtherTokenThenNothingComesBack() {
        assertThat(GracePair.open(pair.seal("old-refresh-token"), "old-refresh-tokem")).isEmpty();
    }

    @Test
    void whenThePairHasNoIdTokenAndNoScopesThenItStillRoundTrips() {
        var bare = new GracePair("onekey-device", "a", NOW, NOW.plusSeconds(1), Set.of(), "r", NOW, null, null);
        assertThat(GracePair.open(bare.seal("t"), "t")).contains(bare);
    }

}
