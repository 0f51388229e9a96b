package org.onekeylogin.system;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An enum as the JSON API spells it: the constant's name in lower case
 * ({@code SET_TOP_BOX} is {@code "set_top_box"}), read back without regard to case. Every
 * enum on the wire implements this, so the spelling is one rule rather than a copy in
 * each type.
 *
 * <p>
 * Jackson finds {@code @JsonValue} on this default method. A {@code @JsonCreator} has to
 * be a static method of the enum itself, so an enum that clients send declares a one-line
 * {@code fromWire(String)} that calls {@link #fromWire(Class, String, String, String)}
 * with its own field name and refusal.
 */
public interface WireEnum {

    /** The constant's name as it appears in JSON. */
    @JsonValue
    default String wireName() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant whose wire name is {@code value}, ignoring case; anything else is
     * refused as invalid input for {@code field}, with {@code refusal} as the message a
     * person reads.
     */
    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, @Nullable String value, String field,
            String refusal) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw ApiException.invalid(field, refusal);
    }

    /**
     * Every wire name of {@code type} in declaration order, comma-separated, for refusals
     * that list them all.
     */
    static <E extends Enum<E> & WireEnum> String wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wireName).collect(Collectors.joining(", "));
    }

}
