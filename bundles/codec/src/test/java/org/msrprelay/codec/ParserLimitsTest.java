package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bound of {@link ParserLimits}: over it, a typed error with the status to answer; at it,
 * accepted. A recoverable error skips to that message's end-line and the next message parses.
 */
class ParserLimitsTest {
    /** Start line 64, header line 100, head 400, 8 headers, 2 URIs per path, 100 body bytes outside SEND. */
    static final ParserLimits SMALL = new ParserLimits(64, 100, 400, 8, 2, 100);

    static final String TO = "To-Path: msrp://b.example.com:2855/bob;tcp\r\n";
    static final String FROM = "From-Path: msrp://a.example.com:2855/alice;tcp\r\n";
    static final String NEXT = "MSRP nextone SEND\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\nok\r\n-------nextone$\r\n";
    static final List<String> NEXT_EVENTS = List.of("head MSRP nextone SEND", "body 2", "end $");

    static String send(String tid, String headers, String body) {
        return "MSRP " + tid + " SEND\r\n" + TO + FROM + headers + "Content-Type: text/plain\r\n\r\n" + body
                + "\r\n-------" + tid + "$\r\n";
    }

    static String line(String name, int totalLength) {
        return name + ": " + "v".repeat(totalLength - name.length() - 4) + "\r\n";
    }

    static List<String> afterError(Recorder r) {
        int i = r.events.indexOf(r.events.stream().filter(e -> e.startsWith("error")).findFirst().orElseThrow());
        return r.events.subList(i + 1, r.events.size());
    }

    @Test
    void rejectsStartLineOverLimitAndStops() {
        String start = "MSRP " + "a".repeat(32) + " " + "X".repeat(64 - 40 + 1) + "\r\n";
        assertEquals(65, start.length());
        Recorder r = Feed.whole(start + TO + FROM + "-------x$\r\n" + NEXT, SMALL);
        assertEquals(List.of("error 0 close"), r.shape());
        assertTrue(r.errors.get(0).mustClose());
        assertFalse(r.errors.get(0).answerable());
    }

    @Test
    void rejectsStartLineOverLimitBeforeItsEndArrives() {
        byte[] data = Feed.bytes("MSRP abcd SEND" + " ".repeat(100));
        Recorder r = Feed.cuts(data, SMALL, 10, 70);
        assertEquals(List.of("error 0 close"), r.shape());
    }

    @Test
    void acceptsStartLineAtLimit() {
        String tid = "t".repeat(32);
        String start = "MSRP " + tid + " " + "SEND".repeat(5) + "ABCD\r\n";
        assertEquals(64, start.length());
        Recorder r = Feed.whole(start + TO + FROM + "-------" + tid + "$\r\n", SMALL);
        assertEquals(List.of("head MSRP " + tid + " SENDSENDSENDSENDSENDABCD", "end $"), r.events);
    }

    @Test
    void rejectsHeaderLineOverLimitThenParsesTheNextMessage() {
        Recorder r = Feed.whole(send("abcd", line("Subject", 101), "hi") + NEXT, SMALL);
        assertEquals(List.of("error 400 recover"), r.shape().subList(0, 1));
        assertEquals("abcd", r.errors.get(0).transactionId());
        assertFalse(r.errors.get(0).mustClose());
        assertEquals(NEXT_EVENTS, afterError(r));
    }

    @Test
    void rejectsHeaderLineOverLimitBeforeItsEndArrives() {
        byte[] data = Feed.bytes(send("abcd", line("Subject", 300), "hi") + NEXT);
        int inLongLine = send("abcd", "", "").indexOf("Content-Type") + 150;
        for (int cut : new int[] {inLongLine, inLongLine + 60, inLongLine + 149}) {
            Recorder r = Feed.cuts(data, SMALL, cut);
            assertEquals("error 400 recover", r.shape().get(0), "cut " + cut);
            assertEquals(NEXT_EVENTS, afterError(r), "cut " + cut);
        }
    }

    @Test
    void acceptsHeaderLineAtLimit() {
        Recorder r = Feed.whole(send("abcd", line("Subject", 100), "hi"), SMALL);
        assertEquals(List.of("head MSRP abcd SEND", "body 2", "end $"), r.events);
    }

    @Test
    void rejectsHeadOverLimitThenParsesTheNextMessage() {
        String headers = line("X-A", 90) + line("X-B", 90) + line("X-C", 90);
        String msg = send("abcd", headers, "hi");
        assertTrue(msg.indexOf("\r\n\r\n") + 4 > 400);
        Recorder r = Feed.whole(msg + NEXT, SMALL);
        assertEquals("error 400 recover", r.shape().get(0));
        assertTrue(r.errors.get(0).getMessage().contains("header block"), r.errors.get(0).getMessage());
        assertEquals(NEXT_EVENTS, afterError(r));
    }

    @Test
    void acceptsHeadAtLimit() {
        String base = "MSRP abcd SEND\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n";
        int missing = 400 - base.length();
        String filler = line("X-A", 90) + line("X-B", 90) + line("X-C", missing - 180);
        String msg = send("abcd", filler, "hi");
        assertEquals(400, msg.indexOf("\r\n\r\n") + 4);
        Recorder r = Feed.whole(msg, SMALL);
        assertEquals(List.of("head MSRP abcd SEND", "body 2", "end $"), r.events);
    }

    @Test
    void rejectsTooManyHeadersThenParsesTheNextMessage() {
        // To-Path, From-Path, Content-Type and six more: nine header lines
        String headers = "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\nF: 6\r\n";
        Recorder r = Feed.whole(send("abcd", headers, "hi") + NEXT, SMALL);
        assertEquals("error 400 recover", r.shape().get(0));
        assertEquals(NEXT_EVENTS, afterError(r));
    }

    @Test
    void acceptsHeaderCountAtLimit() {
        String headers = "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n";
        Recorder r = Feed.whole(send("abcd", headers, "hi"), SMALL);
        assertEquals(List.of("head MSRP abcd SEND", "body 2", "end $"), r.events);
    }

    @ParameterizedTest
    @ValueSource(strings = {"To-Path", "From-Path"})
    void rejectsTooManyUrisInAPathThenParsesTheNextMessage(String which) {
        String three = which + ": msrp://r1:1/a;tcp msrp://r2:1/b;tcp msrp://b:1/c;tcp\r\n";
        String msg = "MSRP abcd SEND\r\n" + (which.equals("To-Path") ? three + FROM : TO + three)
                + "Content-Type: text/plain\r\n\r\nhi\r\n-------abcd$\r\n";
        Recorder r = Feed.whole(msg + NEXT, SMALL);
        assertEquals("error 400 recover", r.shape().get(0));
        assertTrue(r.errors.get(0).getMessage().contains("more than 2 URIs"), r.errors.get(0).getMessage());
        assertEquals(NEXT_EVENTS, afterError(r));
    }

    @Test
    void acceptsUrisPerPathAtLimit() {
        String msg = "MSRP abcd SEND\r\nTo-Path: msrp://r1.example.com:1/a;tcp msrp://b.example.com:1/c;tcp\r\n" + FROM
                + "-------abcd$\r\n";
        Recorder r = Feed.whole(msg, SMALL);
        assertEquals(List.of("head MSRP abcd SEND", "end $"), r.events);
        assertEquals(2, r.messages.get(0).head().toPath().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"REPORT", "NICKNAME", "AUTH", "FOO", "report"})
    void rejectsNonSendBodyOverLimitWith413ThenParsesTheNextMessage(String method) {
        String msg = "MSRP abcd " + method + "\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n" + "b".repeat(101)
                + "\r\n-------abcd$\r\n";
        for (int cut : new int[] {0, 150, msg.length() - 20, msg.length() - 10}) {
            Recorder r = Feed.cuts(Feed.bytes(msg + NEXT), SMALL, cut);
            MsrpParseException e = r.errors.get(0);
            assertEquals(413, e.status(), "cut " + cut);
            assertFalse(e.mustClose());
            assertTrue(e.isRequest());
            assertTrue(e.answerable());
            assertEquals("abcd", e.transactionId());
            assertEquals("msrp://a.example.com:2855/alice;tcp", e.fromPath().get(0).toString());
            assertEquals(NEXT_EVENTS, afterError(r), "cut " + cut);
        }
    }

    @Test
    void bodySkippedAfter413EndsOnlyAtTheRealEndLine() {
        String body = "b".repeat(150) + "\n-------abcd$\r\n" + "c".repeat(20) + "\r-------abcd$\r\n" + "d".repeat(20);
        String msg = "MSRP abcd REPORT\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n" + body + "\r\n-------abcd$\r\n";
        byte[] data = Feed.bytes(msg + NEXT);
        for (int cut = 0; cut <= data.length; cut++) {
            Recorder r = Feed.cuts(data, SMALL, cut);
            assertEquals(413, r.errors.get(0).status(), "cut " + cut);
            assertEquals(NEXT_EVENTS, afterError(r), "cut " + cut);
        }
    }

    @Test
    void rejectsResponseBodyOverLimitWith413() {
        String msg = "MSRP abcd 200 OK\r\n" + TO + FROM + "\r\n" + "b".repeat(101) + "\r\n-------abcd$\r\n";
        Recorder r = Feed.whole(msg + NEXT, SMALL);
        assertEquals(413, r.errors.get(0).status());
        assertFalse(r.errors.get(0).isRequest());
        assertFalse(r.errors.get(0).answerable());
        assertEquals(NEXT_EVENTS, afterError(r));
    }

    @Test
    void acceptsNonSendBodyAtLimit() {
        String msg = "MSRP abcd REPORT\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n" + "b".repeat(100)
                + "\r\n-------abcd$\r\n";
        assertEquals(List.of("head MSRP abcd REPORT", "body 100", "end $"), Feed.whole(msg, SMALL).events);
    }

    @Test
    void sendBodyHasNoLimit() {
        String body = "s".repeat(100_000);
        Recorder r = Feed.whole(send("abcd", "", body) + NEXT, SMALL);
        assertEquals(List.of("head MSRP abcd SEND", "body 100000", "end $", "head MSRP nextone SEND", "body 2", "end $"),
                r.events);
        Recorder lower = Feed.whole(send("abcd", "", body).replace(" SEND\r\n", " send\r\n"), SMALL);
        assertEquals(List.of("head MSRP abcd send", "body 100000", "end $"), lower.events);
    }

    @Test
    void defaultsAllowWhatRealClientsSend() {
        ParserLimits d = ParserLimits.DEFAULTS;
        assertTrue(d.maxHeaderLine() >= 16 * 1024, "msrprelay allows 16 KB lines");
        assertTrue(d.maxHeaders() >= 64, "msrprelay allows 64 header lines");
        assertTrue(d.maxNonSendBody() >= 10_240, "msrprelay allows 10 KB non-SEND bodies");
    }

    @Test
    void refusesLimitsTooSmallToParseAnything() {
        assertThrows(IllegalArgumentException.class, () -> new ParserLimits(10, 100, 400, 8, 2, 100));
        assertThrows(IllegalArgumentException.class, () -> new ParserLimits(64, 10, 400, 8, 2, 100));
        assertThrows(IllegalArgumentException.class, () -> new ParserLimits(64, 100, 40, 8, 2, 100));
        assertThrows(IllegalArgumentException.class, () -> new ParserLimits(64, 100, 400, 1, 2, 100));
        assertThrows(IllegalArgumentException.class, () -> new ParserLimits(64, 100, 400, 8, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new ParserLimits(64, 100, 400, 8, 2, -1));
    }
}
