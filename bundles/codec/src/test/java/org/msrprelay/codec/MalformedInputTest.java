package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the grammar rejects, what it must tolerate, and what a relay must pass through untouched
 * (the seed relay's B12, B24, B25 and B27 are about these).
 */
class MalformedInputTest {
    static final String TO = "To-Path: msrp://b.example.com:2855/bob;tcp\r\n";
    static final String FROM = "From-Path: msrp://a.example.com:2855/alice;tcp\r\n";
    static final String NEXT = "MSRP nextone SEND\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\nok\r\n-------nextone$\r\n";
    static final List<String> NEXT_EVENTS = List.of("head MSRP nextone SEND", "body 2", "end $");

    static String bodyless(String tid, String headers) {
        return "MSRP " + tid + " SEND\r\n" + headers + "-------" + tid + "$\r\n";
    }

    static MsrpHead onlyHead(String stream) {
        Recorder r = Feed.whole(stream);
        assertTrue(r.errors.isEmpty(), r.events::toString);
        assertEquals(1, r.messages.size(), r.events::toString);
        return r.messages.get(0).head();
    }

    static List<String> afterFirstError(Recorder r) {
        int i = 0;
        while (!r.events.get(i).startsWith("error")) {
            i++;
        }
        return r.events.subList(i + 1, r.events.size());
    }

    // ---- fatal: the stream can no longer be framed ----------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"HELLO WORLD\r\n", "GET / HTTP/1.1\r\n", "msrp a786hjs2 SEND\r\n", "MSRP\r\n", "MSRP a786hjs2\r\n",
            "MSRP  a786hjs2 SEND\r\n", "\u0000\u0001\u0002\r\n", "-------a786hjs2$\r\n"})
    void garbageStartLineIsFatal(String start) {
        Recorder r = Feed.whole(start + TO + FROM + NEXT);
        assertEquals(List.of("error 0 close"), r.shape());
        assertTrue(r.errors.get(0).mustClose());
        assertFalse(r.errors.get(0).answerable());
    }

    @Test
    void nothingIsReportedAfterAFatalError() {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(ParserLimits.DEFAULTS, r);
        p.parse(ByteBuffer.wrap(Feed.bytes("BOGUS\r\n")));
        assertTrue(p.failed());
        ByteBuffer more = ByteBuffer.wrap(Feed.bytes(NEXT));
        p.parse(more);
        assertFalse(more.hasRemaining(), "input is still consumed");
        assertEquals(List.of("error 0 close"), r.shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a$bc", "-abcd", ".abcd", "abc/def", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void badTransactionIdIsFatal(String tid) {
        Recorder r = Feed.whole("MSRP " + tid + " SEND\r\n" + TO + FROM + "-------" + tid + "$\r\n" + NEXT);
        assertEquals(List.of("error 0 close"), r.shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcd", "a.-+%=", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "4914815861a16fcde9cc734f"})
    void transactionIdsOfTheGrammarAreAccepted(String tid) {
        assertEquals(tid, onlyHead(bodyless(tid, TO + FROM)).transactionId());
    }

    @Test
    void endLineOfAnotherTransactionAmongTheHeadersIsFatal() {
        Recorder r = Feed.whole("MSRP abcd SEND\r\n" + TO + FROM + "-------wxyz$\r\n" + NEXT);
        assertEquals(List.of("error 400 close"), r.shape());
        assertEquals("abcd", r.errors.get(0).transactionId());
        assertTrue(r.errors.get(0).answerable(), "the relay may still answer 400 before closing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-------abcd", "-------abcd!", "-------abcde$", "-------abc$"})
    void malformedEndLineAmongTheHeadersIsFatal(String endLine) {
        Recorder r = Feed.whole("MSRP abcd SEND\r\n" + TO + FROM + endLine + "\r\n" + NEXT);
        assertEquals(List.of("error 400 close"), r.shape());
    }

    // ---- recoverable: answer 400 and go on with the next message -----------------------------

    @Test
    void missingToPathIsAnsweredWith400ThenTheNextMessageParses() {
        Recorder r = Feed.whole(bodyless("abcd", FROM) + NEXT);
        assertEquals("error 400 recover missing To-Path", r.events.get(0));
        assertFalse(r.errors.get(0).answerable(), "without a To-Path there is no one to answer as");
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @Test
    void missingFromPathIsAnsweredWith400ThenTheNextMessageParses() {
        String msg = "MSRP abcd SEND\r\n" + TO + "Content-Type: text/plain\r\n\r\nhello\r\n-------abcd$\r\n";
        Recorder r = Feed.whole(msg + NEXT);
        assertEquals("error 400 recover missing From-Path", r.events.get(0));
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "msrp://b.example.com:2855/bob",          // no transport
        "msrp://b.example.com:2855/bob;",
        "msrp://b.example.com:99999/bob;tcp",     // port out of range
        "msrp://b.example.com:28a5/bob;tcp",
        "msrp://b.example.com:/bob;tcp",
        "sip://b.example.com:2855/bob;tcp",       // not msrp or msrps
        "msrpx://b.example.com:2855/bob;tcp",
        "http://b.example.com/",
        "b.example.com:2855/bob;tcp",
        "msrp:///bob;tcp",                        // no host
        "msrp://b.example.com:2855/;tcp",         // empty session-id
        "msrp://b.example.com:2855/b<o>b;tcp",
        "msrp://[::1:2855/bob;tcp",
        "msrp://b.example.com:2855/bob;t-c-p",
        "msrp://b.example.com:2855/bob;tcp;=x"})
    void badUriInToPathIsAnsweredWith400ThenTheNextMessageParses(String uri) {
        Recorder r = Feed.whole(bodyless("abcd", "To-Path: " + uri + "\r\n" + FROM) + NEXT);
        assertEquals("error 400 recover", r.shape().get(0));
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @Test
    void emptyPathIsAnsweredWith400() {
        Recorder r = Feed.whole(bodyless("abcd", "To-Path: \r\n" + FROM) + NEXT);
        assertEquals("error 400 recover", r.shape().get(0));
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"To-Path", "From-Path", "to-path"})
    void duplicatePathHeaderIsAnsweredWith400(String name) {
        String dup = name + ": msrp://c.example.com:2855/carol;tcp\r\n";
        Recorder r = Feed.whole(bodyless("abcd", TO + FROM + dup) + NEXT);
        assertEquals("error 400 recover", r.shape().get(0));
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"No colon here", ": value", "Bad Name: x", "Na\u00efve: x", "Name\t: x"})
    void malformedHeaderLineIsAnsweredWith400(String header) {
        Recorder r = Feed.whole(bodyless("abcd", TO + FROM + header + "\r\n") + NEXT);
        assertEquals("error 400 recover", r.shape().get(0));
        assertEquals("abcd", r.errors.get(0).transactionId());
        assertTrue(r.errors.get(0).answerable());
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SE-ND", "SEND2", "SEND X", "S\u00c9ND"})
    void badMethodIsAnsweredWith400(String method) {
        Recorder r = Feed.whole("MSRP abcd " + method + "\r\n" + TO + FROM + "-------abcd$\r\n" + NEXT);
        assertEquals("error 400 recover", r.shape().get(0));
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @Test
    void statusCodeBelow100IsReportedButNotAnswered() {
        Recorder r = Feed.whole("MSRP abcd 099 Odd\r\n" + TO + FROM + "-------abcd$\r\n" + NEXT);
        assertEquals("error 0 recover", r.shape().get(0));
        assertFalse(r.errors.get(0).isRequest());
        assertEquals(NEXT_EVENTS, afterFirstError(r));
    }

    @Test
    void errorInAMessageWithABodySkipsTheWholeBody() {
        byte[] body = BinaryBodyTest.randomBodyWithFakes(3, 5000);
        byte[] msg = BinaryBodyTest.concat(Feed.bytes("MSRP abcd SEND\r\n" + TO + "Content-Type: x/y\r\n\r\n"), body,
                Feed.bytes("\r\n-------abcd$\r\n" + NEXT));
        for (int cut = 0; cut < msg.length; cut += 7) {
            Recorder r = Feed.cuts(msg, cut);
            assertEquals("error 400 recover missing From-Path", r.events.get(0), "cut " + cut);
            assertEquals(NEXT_EVENTS, afterFirstError(r), "cut " + cut);
        }
    }

    // ---- tolerated and passed through ------------------------------------------------------

    @Test
    void uppercaseSchemeAndTransportAreAccepted() {
        MsrpHead h = onlyHead(bodyless("abcd", "To-Path: MSRP://B.EXAMPLE.COM:2855/bob;TCP\r\n"
                + "From-Path: MsRpS://a.example.com:2855/alice;Tcp\r\n"));
        assertEquals("MSRP://B.EXAMPLE.COM:2855/bob;TCP", h.toPath().get(0).toString());
        assertTrue(h.toPath().get(0).isTcp());
        assertTrue(h.fromPath().get(0).secure());
    }

    @Test
    void sessionIdsWithPlusEqualsAndSlashAreAccepted() {
        String sid = "Pl4dWcKhwplMfm/DmMKQwpvCjGHCnRIxNzk1MzExMjQwLjQ1NzoxMjcuMC4wLjE=";
        MsrpHead h = onlyHead(bodyless("abcd", "To-Path: msrp://127.0.0.1:22855/" + sid + ";tcp\r\n"
                + "From-Path: msrp://a:1/x+y=z/w;tcp\r\n"));
        assertEquals(sid, h.toPath().get(0).sessionId());
        assertEquals("x+y=z/w", h.fromPath().get(0).sessionId());
    }

    @Test
    void ipv6AndUserinfoAndParametersAreAccepted() {
        MsrpHead h = onlyHead(bodyless("abcd", "To-Path: msrp://[::1]:2855/bob;tcp msrps://alice@intra.example.com;tcp\r\n"
                + "From-Path: msrp://[2001:db8::7];tcp;foo=bar;baz\r\n"));
        assertEquals("[::1]", h.toPath().get(0).host());
        assertEquals("::1", h.toPath().get(0).socketHost());
        assertEquals(2855, h.toPath().get(0).port());
        assertEquals("alice", h.toPath().get(1).userinfo());
        assertNull(h.toPath().get(1).sessionId());
        assertEquals(-1, h.fromPath().get(0).port());
        assertEquals(MsrpUri.DEFAULT_PORT, h.fromPath().get(0).effectivePort());
        assertEquals(List.of("foo=bar", "baz"), h.fromPath().get(0).parameters());
    }

    @Test
    void lowercaseHeaderNamesAreAccepted() {
        MsrpHead h = onlyHead(bodyless("abcd", "to-path: msrp://b:1/bob;tcp\r\nFROM-PATH: msrp://a:1/alice;tcp\r\n"
                + "message-id: m123\r\n"));
        assertEquals("msrp://b:1/bob;tcp", h.toPath().get(0).toString());
        assertEquals("m123", h.header("Message-ID"));
        assertEquals("message-id", h.headers().get(0).name(), "the name is kept as written");
    }

    @Test
    void lowercaseMethodIsAcceptedAndKeptAsWritten() {
        MsrpHead h = onlyHead("MSRP abcd send\r\n" + TO + FROM + "-------abcd$\r\n");
        assertEquals("send", h.method());
        assertTrue(h.isMethod("SEND"));
    }

    @Test
    void headerValueWithColonSpaceIsKeptWhole() {
        MsrpHead h = onlyHead(bodyless("abcd", TO + FROM + "Subject: re: a: b\r\nX-Time: 12:30:00\r\n"));
        assertEquals("re: a: b", h.header("Subject"));
        assertEquals("12:30:00", h.header("x-time"));
    }

    @Test
    void duplicateHeadersAreKeptInOrder() {
        MsrpHead h = onlyHead(bodyless("abcd", TO + "X-A: 1\r\n" + FROM + "X-B: 2\r\nX-A: 3\r\nx-a: 4\r\n"));
        assertEquals(List.of(new Header("X-A", "1"), new Header("X-B", "2"), new Header("X-A", "3"), new Header("x-a", "4")),
                h.headers());
        assertEquals(List.of("1", "3", "4"), h.headerValues("X-A"));
        assertEquals("1", h.header("X-A"));
    }

    @Test
    void headerValueWhitespaceIsKeptExceptAfterTheColon() {
        MsrpHead h = onlyHead(bodyless("abcd", TO + FROM + "X-A:no-space\r\nX-B: \t two  words \r\nX-C:\r\n"));
        assertEquals(List.of(new Header("X-A", "no-space"), new Header("X-B", "two  words "), new Header("X-C", "")), h.headers());
    }

    @Test
    void nonUtf8BytesInHeaderValuesPassThroughByteExact() {
        byte[] head = BinaryBodyTest.concat(Feed.bytes("MSRP abcd SEND\r\n" + TO + FROM + "Subject: "),
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80, (byte) 0xc3, 0x28, (byte) 0xe9, 0x00, 0x7f},
                Feed.bytes("\r\n-------abcd$\r\n"));
        Recorder r = Feed.whole(head);
        assertEquals(List.of("head MSRP abcd SEND", "end $"), r.events);
        assertArrayEquals(head, CorpusTest.encode(r.messages));
    }

    @Test
    void headerOnlyMessageHasNoBody() {
        Recorder r = Feed.whole(bodyless("abcd", TO + FROM + "Message-ID: m1\r\n"));
        assertEquals(List.of("head MSRP abcd SEND", "end $"), r.events);
        assertFalse(r.messages.get(0).head().hasBody());
        assertNull(r.messages.get(0).body());
    }

    @Test
    void emptyBodyWithTheCrlfBeforeTheEndLineIsEmpty() {
        String msg = "MSRP abcd SEND\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n\r\n-------abcd$\r\n";
        Recorder r = Feed.whole(msg + NEXT);
        assertEquals(List.of("head MSRP abcd SEND", "body 0", "end $"), r.events.subList(0, 3));
        assertEquals(NEXT_EVENTS, r.events.subList(3, 6));
        assertArrayEquals(Feed.bytes(msg), CorpusTest.encode(r.messages.subList(0, 1)));
    }

    @Test
    void emptyBodyWithTheEndLineRightAfterTheBlankLineIsEmpty() {
        byte[] msg = Feed.bytes("MSRP abcd SEND\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n-------abcd+\r\n" + NEXT);
        Recorder whole = Feed.whole(msg);
        assertEquals(List.of("head MSRP abcd SEND", "body 0", "end +", "head MSRP nextone SEND", "body 2", "end $"),
                whole.events);
        for (int cut = 0; cut <= msg.length; cut++) {
            assertEquals(whole.events, Feed.cuts(msg, cut).events, "cut " + cut);
        }
        assertEquals(whole.events, Feed.byteAtATime(msg).events);
    }

    /**
     * The other side of accepting {@code "\r\n\r\n-------tid$"} as an empty body: a body that starts
     * with its own end-line is cut there. RFC 4975 section 7.1.1 has the sender keep the end-line out
     * of the body, so only a sender that breaks that rule can be misread, and only its own stream.
     */
    @Test
    void bodyStartingWithItsOwnEndLineIsReadAsAnEmptyBody() {
        Recorder r = Feed.whole("MSRP abcd SEND\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n"
                + "-------abcd$\r\nrest of the body\r\n-------abcd$\r\n");
        assertEquals(List.of("head MSRP abcd SEND", "body 0", "end $", "error 0 close"), r.shape());
    }

    @Test
    void blankLinesBetweenMessagesAreIgnored() {
        Recorder r = Feed.whole("\r\n\r\n\n" + bodyless("abcd", TO + FROM) + "\r\n" + NEXT);
        assertEquals(List.of("head MSRP abcd SEND", "end $", "head MSRP nextone SEND", "body 2", "end $"), r.events);
    }

    @Test
    void bareLineFeedsInTheHeadAreTolerated() {
        String lf = "MSRP abcd SEND\n" + TO.replace("\r\n", "\n") + FROM.replace("\r\n", "\n") + "Content-Type: text/plain\n\n"
                + "body\r\n-------abcd$\r\n";
        Recorder r = Feed.whole(lf);
        assertEquals(List.of("head MSRP abcd SEND", "body 4", "end $"), r.events);
        // not canonical: the encoder writes CRLF, and that parses back to the same message
        Recorder again = Feed.whole(CorpusTest.encode(r.messages));
        assertEquals(r.describeMessages(), again.describeMessages());
    }

    @Test
    void nonCanonicalHeadsParseBackEqualAfterEncoding() {
        String msg = "MSRP abcd SEND\r\nX-First:1\r\nfrom-path:   msrp://a:1/alice;tcp\r\nto-path:msrp://r:1/r;tcp   msrp://b:1/b;tcp\r\n"
                + "content-type:\ttext/plain\r\n\r\nhi\r\n-------abcd#\r\n";
        Recorder r = Feed.whole(msg);
        byte[] encoded = CorpusTest.encode(r.messages);
        assertFalse(java.util.Arrays.equals(Feed.bytes(msg), encoded));
        assertEquals(r.describeMessages(), Feed.whole(encoded).describeMessages());
        assertTrue(new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith(
                "MSRP abcd SEND\r\nTo-Path: msrp://r:1/r;tcp msrp://b:1/b;tcp\r\nFrom-Path: msrp://a:1/alice;tcp\r\nX-First: 1\r\n"));
    }

    @Test
    void idleOnlyBetweenMessages() {
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(ParserLimits.DEFAULTS, r);
        assertTrue(p.idle());
        byte[] msg = Feed.bytes(NEXT);
        p.parse(ByteBuffer.wrap(msg, 0, 5));
        assertFalse(p.idle());
        p.parse(ByteBuffer.wrap(msg, 5, msg.length - 10));
        assertFalse(p.idle());
        p.parse(ByteBuffer.wrap(msg, msg.length - 5, 5));
        assertTrue(p.idle());
        assertFalse(p.failed());
    }
}
