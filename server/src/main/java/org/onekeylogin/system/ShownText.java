package org.onekeylogin.system;

/**
 * Text that the service shows on other people's screens (a display name on a TV tile, a
 * device name and OS on a phone's approval prompt, a binding message). Control characters
 * (Unicode category Cc), format characters (Cf: right-to-left overrides, zero-width
 * joiners that can disguise a name) and private-use characters (Co) are refused, as are
 * lone surrogates and line or paragraph separators: what a person reads must be what was
 * sent.
 */
public final class ShownText {

    private ShownText() {
    }

    /** Whether every code point of {@code text} may be shown to someone else as it is. */
    public static boolean isShowable(String text) {
        return text.codePoints().noneMatch(ShownText::isHidden);
    }

    private static boolean isHidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                true;
            default -> false;
        };
    }

}
