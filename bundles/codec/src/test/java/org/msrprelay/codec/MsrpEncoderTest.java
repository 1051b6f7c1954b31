package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The canonical wire form (RFC 4975 section 9) of heads built by a relay, and that it parses back. */
class MsrpEncoderTest {
    static final MsrpUri RELAY = MsrpUri.of(true, "relay.example.com", 2855, "Xk29dj3mQ0a");
    static final MsrpUri ALICE = MsrpUri.of(false, "alice.example.com", 7777, "iau39soe2843z");
    static final MsrpUri BOB = MsrpUri.of(false, "bob.example.com", 8888, "9di4eae923wzd");

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void requestHeadIsCanonical() {
        MsrpHead h = MsrpHead.request("d93kswow", "SEND", List.of(RELAY, BOB), List.of(ALICE),
                List.of(new Header("Message-ID", "12339sdqwer"), new Header("Content-Type", "text/plain")), true);
        assertEquals("MSRP d93kswow SEND\r\n"
                + "To-Path: msrps://relay.example.com:2855/Xk29dj3mQ0a;tcp msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://alice.example.com:7777/iau39soe2843z;tcp\r\n"
                + "Message-ID: 12339sdqwer\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n", text(MsrpEncoder.head(h)));
    }

    @Test
    void responseHeadWithAndWithoutComment() {
        assertEquals("MSRP abcd 200 OK\r\nTo-Path: " + ALICE + "\r\nFrom-Path: " + BOB + "\r\n",
                text(MsrpEncoder.head(MsrpHead.response("abcd", 200, "OK", List.of(ALICE), List.of(BOB), List.of()))));
        assertEquals("MSRP abcd 481\r\nTo-Path: " + ALICE + "\r\nFrom-Path: " + BOB + "\r\n",
                text(MsrpEncoder.head(MsrpHead.response("abcd", 481, null, List.of(ALICE), List.of(BOB), List.of()))));
        assertThrows(IllegalArgumentException.class, () -> MsrpHead.response("abcd", 99, null, List.of(ALICE), List.of(BOB), List.of()));
        assertThrows(IllegalArgumentException.class, () -> MsrpHead.response("abcd", 1000, null, List.of(ALICE), List.of(BOB), List.of()));
    }

    @Test
    void endLineWithAndWithoutContent() {
        assertEquals("\r\n-------abcd+\r\n", text(MsrpEncoder.endLine("abcd", '+', true)));
        assertEquals("-------abcd$\r\n", text(MsrpEncoder.endLine("abcd", '$', false)));
        assertEquals("-------abcd#\r\n", text(MsrpEncoder.endLine("abcd", '#', false)));
        assertThrows(IllegalArgumentException.class, () -> MsrpEncoder.endLine("abcd", '!', true));
    }

    @Test
    void rewrittenHeadParsesBackAsBuilt() {
        MsrpHead received = MsrpHead.request("d93kswow", "SEND", List.of(RELAY, BOB), List.of(ALICE),
                List.of(new Header("Byte-Range", "1-*/*"), new Header("X-Unknown", "kept: as is"), new Header("Content-Type", "text/plain")),
                true);
        MsrpHead forwarded = received.withTransactionId("4914815861a16fcde9cc734f")
                .withPaths(List.of(BOB), List.of(RELAY, ALICE))
                .withHeader("Byte-Range", "6-*/*")
                .withHeader("Success-Report", "yes");
        byte[] wire = BinaryBodyTest.concat(MsrpEncoder.head(forwarded), "hello".getBytes(StandardCharsets.US_ASCII),
                MsrpEncoder.endLine(forwarded.transactionId(), '$', true));
        Recorder r = Feed.whole(wire);
        assertEquals(List.of(Heads.describe(forwarded) + " body=68656c6c6f flag=$"), r.describeMessages());
        assertEquals(List.of(new Header("Byte-Range", "6-*/*"), new Header("X-Unknown", "kept: as is"),
                new Header("Content-Type", "text/plain"), new Header("Success-Report", "yes")), forwarded.headers());
        assertEquals("MSRP 4914815861a16fcde9cc734f SEND", forwarded.toString());
    }

    @Test
    void bodylessHeadHasNoBlankLine() {
        MsrpHead h = MsrpHead.request("49fh", "AUTH", List.of(MsrpUriTest.uri("msrps://alice@intra.example.com;tcp")),
                List.of(MsrpUriTest.uri("msrps://alice.example.com:9892/98cjs;tcp")), List.of(), false);
        assertEquals("MSRP 49fh AUTH\r\nTo-Path: msrps://alice@intra.example.com;tcp\r\n"
                + "From-Path: msrps://alice.example.com:9892/98cjs;tcp\r\n-------49fh$\r\n",
                text(MsrpEncoder.head(h)) + text(MsrpEncoder.endLine("49fh", '$', h.hasBody())));
        assertEquals(true, h.withBody(true).hasBody());
    }
}
