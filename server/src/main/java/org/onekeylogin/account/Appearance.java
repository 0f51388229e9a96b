package org.onekeylogin.account;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.system.ApiException;

/**
 * How an account appears on the shared screens of its home network (a TV's tiles, the
 * phone's prompt), as its owner chose: a nickname such as "Dad" and an avatar colour from
 * a fixed palette. The nickname is opt-in — without one the screens keep showing the
 * masked login name — because anyone on the household's network can read it. Without a
 * chosen colour the avatar's colour is derived from the account id, so it is the same on
 * every screen either way.
 *
 * @param nickname at most {@value #MAX_NICKNAME} characters, letters, digits, spaces and
 * {@code ' . -}, or null for none
 * @param avatarColor one of {@link #PALETTE}, or null for the derived one
 */
public record Appearance(@Nullable String nickname, @Nullable String avatarColor) {

    public static final int MAX_NICKNAME = 24;

    /**
     * The avatar colours a screen can show (named, so a page maps them to its own
     * shades).
     */
    public static final List<String> PALETTE = List.of("coral", "teal", "amber", "violet", "blue", "rose", "green",
            "orange");

    public static final Appearance NONE = new Appearance(null, null);

    public Appearance {
        if (nickname != null) {
            nickname = nickname.strip();
            if (nickname.isEmpty()) {
                nickname = null;
            }
            else if (nickname.codePointCount(0, nickname.length()) > MAX_NICKNAME
                    || !nickname.codePoints().allMatch(Appearance::allowedInNickname)) {
                throw ApiException.invalid("nickname", "A nickname has at most " + MAX_NICKNAME
                        + " characters: letters, digits, spaces and ' . - only.");
            }
        }
        if (avatarColor != null && !PALETTE.contains(avatarColor)) {
            throw ApiException.invalid("avatar_color",
                    "The avatar colour is one of " + String.join(", ", PALETTE) + ".");
        }
    }

    private static boolean allowedInNickname(int c) {
        return Character.isLetterOrDigit(c) || c == ' ' || c == '\'' || c == '.' || c == '-';
    }

    /**
     * The colour the screens show: the chosen one, or one derived from the account id.
     */
    public String colorFor(String accountId) {
        if (avatarColor != null) {
            return avatarColor;
        }
        return PALETTE.get(Math.floorMod(accountId.toLowerCase(Locale.ROOT).hashCode(), PALETTE.size()));
    }

}
