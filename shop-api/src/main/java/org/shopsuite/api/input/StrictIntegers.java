package org.shopsuite.api.input;

import java.util.regex.Pattern;

/**
 * Integers in paths and query parameters ({@code /api/orders/{orderId}}), read like JSON integers: an optional minus
 * and decimal digits without leading zeros, in range. Spring's own conversion would also take {@code " 7"},
 * {@code "+7"}, {@code "007"} or {@code "0x7"}; here each is refused.
 */
public final class StrictIntegers {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private StrictIntegers() {
    }

    public static long parseLong(String text) {
        return Long.parseLong(checked(text));
    }

    public static int parseInt(String text) {
        return Integer.parseInt(checked(text));
    }

    /** Whether {@code text} is an id of the API: a positive long (1 to 9223372036854775807), written as above. */
    public static boolean isId(String text) {
        try {
            return parseLong(text) > 0;
        } catch (NumberFormatException notALong) {
            return false;
        }
    }

    private static String checked(String text) {
        if (text == null || !INTEGER.matcher(text).matches()) {
            throw new NumberFormatException("not an integer: '" + text + "'");
        }
        return text; // parse* still refuses a value out of range
    }
}
