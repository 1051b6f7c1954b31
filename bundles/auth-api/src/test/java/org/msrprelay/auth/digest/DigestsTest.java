package org.msrprelay.auth.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void matchesRfc2617WorkedExample() {
        String ha1 = Digests.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        String response = Digests.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth",
                "GET", "/dir/index.html");
        assertEquals("6629fae49393a05397450978507c4ef1", response);
        assertEquals(HandDigest.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b"), response);
    }

    @Test
    void matchesKamailioCapture() {
        String uri = "msrp://127.0.0.1:12855;tcp";
        String nonce = "awJHsmsCRoZNJRtDI4GbSlv8+axuVKsO";
        String response = Digests.response(Digests.ha1("alice", "example.com", "secret"), nonce, "00000001",
                "0000c6d07ef7b77e", "auth", "AUTH", uri);
        assertEquals("43a94681ab3878d4d1239a09fca89eea", response);
        assertEquals(HandDigest.response("alice", "example.com", "secret", "AUTH", uri, nonce, "00000001",
                "0000c6d07ef7b77e"), response);
    }

    @Test
    void matchesSeedRelayCaptureIncludingRspauth() {
        String uri = "msrp://127.0.0.1:22855;tcp";
        String nonce = "Pl4dWcKhwplMfm/DmMKQwpvCjGHCnRIxNzk1MzExMjQwLjQ1NzoxMjcuMC4wLjE=";
        String ha1 = Digests.ha1("alice", "example.com", "secret");
        assertEquals("5eefa3a69b683b5fd9d9303c5975a59a",
                Digests.response(ha1, nonce, "00000001", "c0251908fcdce4b3", "auth", "AUTH", uri));
        String rspauth = Digests.rspauth(ha1, nonce, "00000001", "c0251908fcdce4b3", uri);
        assertEquals("37584cdd1ec23451ad878e677cbe2a2e", rspauth);
        assertEquals(HandDigest.rspauth("alice", "example.com", "secret", uri, nonce, "00000001", "c0251908fcdce4b3"),
                rspauth);
    }

    @Test
    void hashesUtf8() {
        assertEquals(HandDigest.md5("j\u00f6rg:ex\u00e4mple.org:p\u00e4ss"),
                Digests.ha1("j\u00f6rg", "ex\u00e4mple.org", "p\u00e4ss"));
    }
}
