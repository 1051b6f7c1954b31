package org.msrprelay.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** MD5 as RFC 2617 uses it: the lowercase hex digest of the UTF-8 bytes of a string. */
public final class Md5 {
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

    private Md5() {
    }

    public static String hex(String value) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HEX.formatHex(md5.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 (MessageDigest javadoc), so this cannot happen.
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    /** Whether the value is 32 hex digits (either case), the shape of an MD5 digest. */
    public static boolean isHex32(String value) {
        return value != null && HEX32.matcher(value).matches();
    }

    /** Compares two digests without leaking the position of the first difference through timing. */
    public static boolean sameDigest(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }
}
