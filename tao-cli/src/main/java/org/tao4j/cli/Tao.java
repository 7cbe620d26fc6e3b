package org.tao4j.cli;

/** Formatting of TAO amounts for people: {@code τ12.500000000}. */
public final class Tao {

    private Tao() {}

    public static String format(long rao) {
        String digits = Long.toUnsignedString(rao);
        while (digits.length() < 10) {
            digits = "0" + digits;
        }
        int cut = digits.length() - 9;
        return "τ" + digits.substring(0, cut) + "." + digits.substring(cut);
    }
}
