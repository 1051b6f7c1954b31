package org.msrprelay.bench.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The few frames a client sends, as bytes (RFC 4975 section 9), and the AUTH digest (RFC 4976 section 5, RFC 2617). */
final class Frames {
    private static final char[] ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Frames() {
    }

    static String random(int n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALNUM[r.nextInt(ALNUM.length)];
        }
        return new String(c);
    }

    static byte[] bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An AUTH to the relay itself; {@code authorization} null for the first, unauthenticated one. */
    static byte[] auth(String tid, String relayUri, String from, String authorization) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("MSRP ").append(tid).append(" AUTH\r\nTo-Path: ").append(relayUri).append("\r\nFrom-Path: ").append(from)
                .append("\r\n");
        if (authorization != null) {
            sb.append("Authorization: ").append(authorization).append("\r\n");
        }
        sb.append("-------").append(tid).append("$\r\n");
        return bytes(sb);
    }

    /** A 200 to a request: To-Path the previous hop, From-Path our own URI. */
    static byte[] ok(String tid, String to, String from) {
        return bytes(new StringBuilder(96 + to.length() + from.length()).append("MSRP ").append(tid).append(" 200 OK\r\nTo-Path: ")
                .append(to).append("\r\nFrom-Path: ").append(from).append("\r\n-------").append(tid).append("$\r\n"));
    }

    /**
     * The head of a SEND chunk, through the blank line: the paths and Content-Type come in {@code paths} as
     * prepared text; Byte-Range covers {@code first..last} of {@code total}.
     */
    static byte[] sendHead(String tid, String paths, String messageId, long first, long last, long total) {
        return bytes(new StringBuilder(64 + paths.length()).append("MSRP ").append(tid).append(" SEND\r\n").append(paths)
                .append("Message-ID: ").append(messageId).append("\r\nByte-Range: ").append(first).append('-').append(last)
                .append('/').append(total).append("\r\nContent-Type: text/plain\r\n\r\n"));
    }

    static byte[] endLine(String tid, char flag) {
        return bytes("\r\n-------" + tid + flag + "\r\n");
    }

    /**
     * The Authorization value answering {@code challenge} (the WWW-Authenticate parameters), with qop=auth,
     * nc=00000001 and HA2 over {@code "AUTH:" + digestUri}; {@code uri=} is written only when {@code withUri}.
     */
    static String authorization(java.util.Map<String, String> challenge, String fallbackRealm, String user, String password,
                                String digestUri, boolean withUri) {
        String realm = challenge.getOrDefault("realm", fallbackRealm);
        String nonce = challenge.getOrDefault("nonce", "");
        String cnonce = random(16);
        String nc = "00000001";
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5("AUTH:" + digestUri);
        String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        StringBuilder sb = new StringBuilder(256);
        sb.append("Digest username=\"").append(user).append("\", realm=\"").append(realm).append("\", nonce=\"").append(nonce)
                .append('"');
        if (withUri) {
            sb.append(", uri=\"").append(digestUri).append('"');
        }
        sb.append(", response=\"").append(response).append("\", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce)
                .append('"');
        String opaque = challenge.get("opaque");
        if (opaque != null) {
            sb.append(", opaque=\"").append(opaque).append('"');
        }
        return sb.toString();
    }

    static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing", e);
        }
    }
}
