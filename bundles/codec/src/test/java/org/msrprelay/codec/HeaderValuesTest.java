package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed header values of RFC 4975 section 9 and RFC 4976 section 6, and the {@link MsrpHead} accessors. */
class HeaderValuesTest {

    static MsrpHead head(String... headers) {
        StringBuilder sb = new StringBuilder("MSRP abcd SEND\r\nTo-Path: msrp://b:1/b;tcp\r\nFrom-Path: msrp://a:1/a;tcp\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        Recorder r = Feed.whole(sb.append("-------abcd$\r\n").toString());
        assertTrue(r.errors.isEmpty(), r.events::toString);
        return r.messages.get(0).head();
    }

    // ---- Byte-Range ------------------------------------------------------------------------

    @Test
    void byteRangeWithUnknownEndAndTotal() throws Exception {
        ByteRange r = ByteRange.parse("1-*/*");
        assertEquals(new ByteRange(1, ByteRange.UNKNOWN, ByteRange.UNKNOWN), r);
        assertEquals("1-*/*", r.toString());
    }

    @Test
    void byteRangeComplete() throws Exception {
        assertEquals(new ByteRange(1, 25, 25), ByteRange.parse("1-25/25"));
        assertEquals(new ByteRange(1, ByteRange.UNKNOWN, 8), ByteRange.parse("1-*/8"));
        assertEquals(new ByteRange(5, 8, ByteRange.UNKNOWN), ByteRange.parse(" 5-8/* "));
        assertEquals(new ByteRange(100001, 299776, 299776), ByteRange.parse("100001-299776/299776"));
        assertEquals(new ByteRange(1, 0, 0), ByteRange.parse("1-0/0"), "an empty chunk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1-25", "0-25/25", "-1-25/25", "a-25/25", "1-b/25", "1-25/c", "1-25/25/25", "1 -25/25",
            "1-25 /25", "*-25/25", "1-**/25", "1--25/25", "1-+25/25", "1-25/-25", "9999999999999999999-1/1", "1-25/25x"})
    void badByteRangesAreRejected(String value) {
        assertThrows(MsrpSyntaxException.class, () -> ByteRange.parse(value));
    }

    @Test
    void byteRangeAdvancesForAnInterruptedChunk() throws Exception {
        assertEquals("100001-299776/299776", ByteRange.parse("1-299776/299776").advance(100_000).toString());
        assertEquals("6-*/*", ByteRange.parse("1-*/*").advance(5).toString());
    }

    @Test
    void byteRangeFromTheHead() throws Exception {
        assertEquals(new ByteRange(1, 33, 33), head("Byte-Range: 1-33/33").byteRange());
        assertNull(head().byteRange());
        assertThrows(MsrpSyntaxException.class, () -> head("Byte-Range: 1-33").byteRange());
    }

    // ---- Success-Report, Failure-Report ----------------------------------------------------

    @Test
    void reportRequestsWithTheirDefaults() throws Exception {
        assertEquals(ReportRequest.YES, head().failureReport(), "Failure-Report defaults to yes");
        assertEquals(ReportRequest.NO, head().successReport(), "Success-Report defaults to no");
        assertEquals(ReportRequest.PARTIAL, head("Failure-Report: partial").failureReport());
        assertEquals(ReportRequest.NO, head("Failure-Report: no").failureReport());
        assertEquals(ReportRequest.YES, head("Success-Report: yes").successReport());
        assertEquals(ReportRequest.YES, head("success-report: YES").successReport());
        assertEquals("partial", ReportRequest.PARTIAL.wire());
    }

    @Test
    void partialIsOnlyAFailureReportValue() {
        assertThrows(MsrpSyntaxException.class, () -> head("Success-Report: partial").successReport());
        assertThrows(MsrpSyntaxException.class, () -> head("Failure-Report: maybe").failureReport());
        assertThrows(MsrpSyntaxException.class, () -> ReportRequest.parseSuccess(""));
    }

    // ---- Status ----------------------------------------------------------------------------

    @Test
    void statusWithAndWithoutComment() throws Exception {
        assertEquals(new StatusValue(0, 200, "OK"), StatusValue.parse("000 200 OK"));
        assertEquals(new StatusValue(0, 481, "Session-does-not-exist here"), StatusValue.parse("000 481 Session-does-not-exist here"));
        assertEquals(new StatusValue(0, 408, null), StatusValue.parse("000 408"));
        assertEquals("000 413 Too big", new StatusValue(0, 413, "Too big").toString());
        assertEquals("000 200", new StatusValue(0, 200, null).toString());
        assertEquals(new StatusValue(0, 200, "OK"), head("Status: 000 200 OK").statusHeader());
        assertNull(head().statusHeader());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "200 OK", "000 20", "000 2000", "000-200 OK", "0000 200", "abc 200", "000 abc", "000 099 Low", "000200"})
    void badStatusValuesAreRejected(String value) {
        assertThrows(MsrpSyntaxException.class, () -> StatusValue.parse(value));
    }

    // ---- Content-Type ----------------------------------------------------------------------

    @Test
    void contentTypeWithParameters() throws Exception {
        assertEquals(new ContentType("text", "plain", ""), ContentType.parse("text/plain"));
        ContentType c = ContentType.parse("Message/CPIM ; charset=utf-8;x=\"a;b\"");
        assertEquals("message/cpim", c.mediaType());
        assertEquals("charset=utf-8;x=\"a;b\"", c.parameters());
        assertEquals("application/xhtml+xml", head("content-type: application/xhtml+xml").contentType().mediaType());
        assertNull(head().contentType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "/plain", "text/", "text plain", "te xt/plain", "text/pl@in"})
    void badContentTypesAreRejected(String value) {
        assertThrows(MsrpSyntaxException.class, () -> ContentType.parse(value));
    }

    // ---- Message-ID, Expires, Use-Path -----------------------------------------------------

    @Test
    void messageIdIsAnIdent() throws Exception {
        assertEquals("54hbtyv0mqgq", head("Message-ID: 54hbtyv0mqgq").messageId());
        assertNull(head().messageId());
        assertThrows(MsrpSyntaxException.class, () -> head("Message-ID: a b").messageId());
        assertThrows(MsrpSyntaxException.class, () -> head("Message-ID: ab").messageId());
    }

    @Test
    void expiresAndItsBounds() throws Exception {
        MsrpHead h = head("Expires: 600", "Min-Expires: 60", "Max-Expires: 3600");
        assertEquals(600, h.seconds("Expires"));
        assertEquals(60, h.seconds("min-expires"));
        assertEquals(3600, h.seconds("Max-Expires"));
        assertEquals(-1, head().seconds("Expires"), "absent");
        assertEquals(0, head("Expires: 0").seconds("Expires"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Expires: -1", "Expires: ten", "Expires: 1.5", "Expires:", "Expires: 99999999999999999999"})
    void badExpiresAreRejected(String header) {
        assertThrows(MsrpSyntaxException.class, () -> head(header).seconds("Expires"));
    }

    @Test
    void usePathFromKamailioAndTheSeedRelay() throws Exception {
        List<MsrpUri> k = head("Use-Path: msrp://127.0.0.1:12855/k1795311238x445358x13031x14x1735603538;tcp").usePath();
        assertEquals(1, k.size());
        assertEquals("k1795311238x445358x13031x14x1735603538", k.get(0).sessionId());
        List<MsrpUri> s = head("Use-Path: msrps://relay.example.com:2855/Pl4dWcKhwplMfm/DmMKQ=;tcp msrps://r2.example.com/x;tcp").usePath();
        assertEquals(2, s.size());
        assertEquals("Pl4dWcKhwplMfm/DmMKQ=", s.get(0).sessionId());
        assertEquals(List.of(), head().usePath());
        assertThrows(MsrpSyntaxException.class, () -> head("Use-Path: http://x/;tcp").usePath());
    }

    // ---- WWW-Authenticate, Authorization, Authentication-Info ------------------------------

    @Test
    void challengeOfTheSeedRelay() throws Exception {
        AuthParams a = head("WWW-Authenticate: Digest realm=\"example.com\", qop=\"auth\", "
                + "nonce=\"Pl4dWcKhwplMfm/DmMKQwpvCjGHCnRIxNzk1MzExMjQwLjQ1NzoxMjcuMC4wLjE=\", "
                + "opaque=\"1dbe91126202c4b9cbf3e6fb02a56f8b\"").auth("WWW-Authenticate");
        assertEquals("Digest", a.scheme());
        assertEquals(Map.of("realm", "example.com", "qop", "auth",
                "nonce", "Pl4dWcKhwplMfm/DmMKQwpvCjGHCnRIxNzk1MzExMjQwLjQ1NzoxMjcuMC4wLjE=",
                "opaque", "1dbe91126202c4b9cbf3e6fb02a56f8b"), a.params());
    }

    @Test
    void authorizationOfAKamailioClientWithUnquotedValues() throws Exception {
        AuthParams a = head("Authorization: Digest username=\"alice\", realm=\"example.com\", "
                + "nonce=\"awJHsmsCRoZNJRtDI4GbSlv8+axuVKsO\", uri=\"msrp://127.0.0.1:12855;tcp\", "
                + "response=\"43a94681ab3878d4d1239a09fca89eea\", qop=auth, nc=00000001, cnonce=\"0000c6d07ef7b77e\"")
                .auth("authorization");
        assertEquals("alice", a.get("username"));
        assertEquals("msrp://127.0.0.1:12855;tcp", a.get("URI"));
        assertEquals("auth", a.get("qop"));
        assertEquals("00000001", a.get("nc"));
        assertEquals(8, a.params().size());
    }

    @Test
    void authenticationInfoHasNoScheme() throws Exception {
        AuthParams a = head("Authentication-Info: qop=auth, cnonce=\"c0251908fcdce4b3\", nc=00000001, "
                + "rspauth=\"37584cdd1ec23451ad878e677cbe2a2e\"").auth("Authentication-Info");
        assertNull(a.scheme());
        assertEquals("37584cdd1ec23451ad878e677cbe2a2e", a.get("rspauth"));
        assertNull(head().auth("Authentication-Info"));
    }

    @Test
    void quotedStringsKeepCommasAndEscapedQuotes() throws Exception {
        AuthParams a = AuthParams.parseWithScheme("Digest realm=\"a, \\\"quoted\\\" realm\",nonce=\"n\\\\1\" ,  qop=\"auth,auth-int\"");
        assertEquals("a, \"quoted\" realm", a.get("realm"));
        assertEquals("n\\1", a.get("nonce"));
        assertEquals("auth,auth-int", a.get("qop"));
        assertEquals("\"a, \\\"quoted\\\" realm\"", AuthParams.quote("a, \"quoted\" realm"));
        assertEquals("a, \"quoted\" realm", AuthParams.parseParams("x=" + AuthParams.quote("a, \"quoted\" realm")).get("x"));
    }

    @Test
    void parametersInAnyOrderAndCase() throws Exception {
        AuthParams a = AuthParams.parseWithScheme("digest NONCE=abc==, Realm=\"r\"");
        assertEquals("digest", a.scheme());
        assertEquals("abc==", a.get("nonce"));
        assertEquals("r", a.get("realm"));
        assertEquals(List.of("nonce", "realm"), List.copyOf(a.params().keySet()));
    }

    @Test
    void basicCredentialsAreKeptWhole() throws Exception {
        AuthParams a = AuthParams.parseWithScheme("Basic YWxpY2U6c2VjcmV0");
        assertEquals("Basic", a.scheme());
        assertEquals("YWxpY2U6c2VjcmV0", a.get("credentials"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Digest realm", "Digest realm=\"unterminated", "Digest realm=\"r\" nonce=\"n\"", "Digest =x",
            "Digest re alm=x", "Dig@st realm=x", "Digest realm=a b"})
    void malformedAuthenticationHeadersAreRejected(String value) {
        assertThrows(MsrpSyntaxException.class, () -> AuthParams.parseWithScheme(value));
    }

    // ---- the captures ----------------------------------------------------------------------

    @Test
    void everyTypedValueInTheCorpusParses() throws Exception {
        int checked = 0;
        for (String name : Corpus.names().toList()) {
            for (Recorder.Message m : Feed.whole(Corpus.bytes(name)).messages) {
                MsrpHead h = m.head();
                h.messageId();
                h.byteRange();
                h.failureReport();
                h.successReport();
                h.statusHeader();
                h.contentType();
                h.seconds("Expires");
                h.seconds("Min-Expires");
                h.seconds("Max-Expires");
                h.usePath();
                for (String auth : new String[] {"WWW-Authenticate", "Authorization", "Authentication-Info"}) {
                    if (h.auth(auth) != null) {
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 20, "authentication headers seen: " + checked);
    }
}
