package org.msrprelay.auth.digest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Parses {@code Authorization: Basic} credentials (RFC 7617 section 2). */
public final class BasicCredentials {
    private static final String SCHEME = "Basic";

    private BasicCredentials() {
    }

    /**
     * Splits {@code Basic base64(user ":" password)} into {@code {user, password}}. The scheme is
     * case-insensitive; the decoded bytes must be UTF-8 (RFC 7617 section 2.1) and contain a colon
     * after a non-empty user-id. Anything else gives empty.
     */
    public static Optional<String[]> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String value = headerValue.strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(value.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        String decoded;
        try {
            byte[] raw = Base64.getDecoder().decode(value.substring(SCHEME.length()).strip());
            decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }
}
