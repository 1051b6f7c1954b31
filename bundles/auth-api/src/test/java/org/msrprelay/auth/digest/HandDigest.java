package org.msrprelay.auth.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** An independent RFC 2617 computation for tests, written out step by step with MessageDigest. */
final class HandDigest {

    private HandDigest() {
    }

    static String md5(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String response(String user, String realm, String password, String method, String uri, String nonce,
                           String nc, String cnonce) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    static String rspauth(String user, String realm, String password, String uri, String nonce, String nc,
                          String cnonce) {
        return response(user, realm, password, "", uri, nonce, nc, cnonce);
    }
}
