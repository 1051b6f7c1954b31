package org.msrprelay.shell.internal;

/**
 * An account as the shell commands take it, {@code USER@DOMAIN}: the user part and the domain
 * (the digest realm) that {@link org.msrprelay.auth.api.WritableCredentialStore} methods take apart.
 */
record AccountName(String user, String domain) {

    /**
     * Splits {@code USER@DOMAIN} at its only {@code @}.
     *
     * @throws IllegalArgumentException when the text is not one non-empty user part, one {@code @}
     *         and one non-empty domain, without whitespace. The message does not repeat the text: it
     *         may be a password typed in the wrong place.
     */
    static AccountName parse(String text) {
        int at = text == null ? -1 : text.indexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@', at + 1) >= 0 || hasBlankOrControl(text)) {
            throw new IllegalArgumentException(
                    "malformed account: expected USER@DOMAIN with one '@' and no whitespace, e.g. alice@example.com");
        }
        return new AccountName(text.substring(0, at), text.substring(at + 1));
    }

    private static boolean hasBlankOrControl(String text) {
        return text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    @Override
    public String toString() {
        return user + "@" + domain;
    }
}
