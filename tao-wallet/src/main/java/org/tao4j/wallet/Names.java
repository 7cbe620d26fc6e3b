package org.tao4j.wallet;

/**
 * Wallet and hotkey names become file names, so they are restricted to a portable, harmless set:
 * 1 to 64 of {@code [A-Za-z0-9_.-]}, not starting with '.', without "..".
 */
final class Names {
    static final int MAX_LENGTH = 64;

    private Names() {}

    /**
     * Returns {@code name} if allowed.
     *
     * @param kind "wallet" or "hotkey", for the message
     * @throws WalletException {@code INVALID_NAME} saying what is wrong
     */
    static String check(String kind, String name) {
        String problem = problem(kind, name);
        if (problem != null) {
            throw new WalletException(WalletException.Reason.INVALID_NAME, problem);
        }
        return name;
    }

    static boolean valid(String kind, String name) {
        return problem(kind, name) == null;
    }

    private static String problem(String kind, String name) {
        if (name == null || name.isEmpty()) {
            return kind + " name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return kind + " name is " + name.length() + " characters long; the limit is " + MAX_LENGTH;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!ok) {
                String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
                return kind + " name \"" + printable(name) + "\" contains " + shown
                        + "; use only letters, digits, '_', '.' and '-'";
            }
        }
        if (name.startsWith(".")) {
            return kind + " name \"" + name + "\" starts with '.'; hidden names (and \".\", \"..\") are not allowed";
        }
        if (name.contains("..")) {
            return kind + " name \"" + name + "\" contains \"..\"";
        }
        if (kind.equals("hotkey") && name.endsWith(Wallet.PUB_SUFFIX)) {
            return "hotkey name \"" + name + "\" ends in \"" + Wallet.PUB_SUFFIX
                    + "\", which is reserved for public key files";
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), MAX_LENGTH); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' ? String.valueOf(c) : "?");
        }
        return s.length() > MAX_LENGTH ? out + "..." : out.toString();
    }
}
