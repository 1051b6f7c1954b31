package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binary bodies (random bytes, fixed seeds) full of things that look almost like the end-line
 * of the message: none of them may end the body, no byte may be lost or added, wherever the
 * reads are split (the seed relay's bugs B1-B4 are all about this).
 */
class BinaryBodyTest {
    private static final String TID = "a786hjs2";
    private static final String HEAD = "MSRP " + TID + " SEND\r\n"
            + "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
            + "From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
            + "Message-ID: 87652491\r\n"
            + "Byte-Range: 1-*/*\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "\r\n";
    private static final String NEXT = "MSRP a786hjs3 200 OK\r\n"
            + "To-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
            + "From-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
            + "-------a786hjs3$\r\n";

    /** Byte strings that resemble the end-line {@code CRLF -------a786hjs2 flag CRLF} but are not it. */
    static final List<String> FAKES = List.of(
            "\r\n-------a786hjs3$\r\n",          // another transaction
            "\r\n-------zzzzzzzz$\r\n",
            "\r\n-------a786hjs2!\r\n",          // right tid, wrong flag
            "\r\n-------a786hjs2a\r\n",
            "\r\n-------a786hjs2\r\n",           // no flag at all
            "\r\n-------a786hjs2$",              // no CRLF after the flag
            "\r\n-------a786hjs2$x",
            "\r\n-------a786hjs2$\r",            // CR without LF
            "\r\n-------a786hjs2$\rx",
            "\r\n-------a786hjs2$\n",            // LF without CR
            "\r\n-------a786hjs$\r\n",           // a prefix of the tid
            "\r\n-------a786hjs22$\r\n",         // the tid is a prefix of this one
            "\r\n-------a786hjs2+x\r\n",
            "\n-------a786hjs2$\r\n",            // LF without CR before the dashes
            "\r-------a786hjs2$\r\n",            // CR without LF before the dashes
            "x-------a786hjs2$\r\n",
            "\r\n------a786hjs2$\r\n",           // six dashes
            "\r\n--------a786hjs2$\r\n",         // eight dashes
            "\r\n-------A786HJS2$\r\n",          // the tid is case-sensitive
            "\r\n-------",
            "\r\n\r\n\r\n",
            "\r\r\n\n-------a786hjs",
            "-------a786hjs2$\r\n");             // not after CRLF

    static Stream<Arguments> bodies() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            out.add(Arguments.of(seed, randomBodyWithFakes(seed, 3000)));
        }
        // bodies whose last bytes could begin the end-line, so the parser must hold them back
        for (String tail : new String[] {"\r", "\r\n", "\r\n-", "\r\n-------", "\r\n-------a786hjs", "\r\n-------a786hjs2",
                "\r\n-------a786hjs2$\r", "\n", "\r\r", "-------a786hjs2$\r\n"}) {
            byte[] body = concat(randomBytes(7, 200), Feed.bytes(tail));
            out.add(Arguments.of(0L, body));
        }
        // bodies that start like an end-line: right after the blank line, which could stand for its CRLF
        for (String head : new String[] {"-------a786hjs2", "-------a786hjs2$\r", "-------a786hjs2!\r\n",
                "-------a786hjs3$\r\n", "-------a786hjs", "\n-------a786hjs2$\r\n", "-", "\r"}) {
            out.add(Arguments.of(0L, concat(Feed.bytes(head), randomBytes(8, 100))));
            out.add(Arguments.of(0L, Feed.bytes(head)));
        }
        out.add(Arguments.of(0L, concat(Feed.bytes("-------a786hjs2$"), randomBytes(8, 100))));
        out.add(Arguments.of(0L, new byte[0]));
        out.add(Arguments.of(0L, Feed.bytes("\r")));
        out.add(Arguments.of(0L, Feed.bytes("\r\n")));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void bodyComesOutIdenticalAtEverySplitPosition(long seed, byte[] body) {
        byte[] message = message(body);
        for (int cut = 0; cut <= message.length; cut++) {
            assertBodyIntact(body, Feed.cuts(message, cut), "split at " + cut);
        }
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void bodyComesOutIdenticalWithTheEndLineSplitInThreeReadsAnywhere(long seed, byte[] body) {
        byte[] message = message(body);
        int endLine = HEAD.length() + body.length;
        int from = Math.max(HEAD.length(), endLine - 30);
        int to = Math.min(message.length, endLine + 30);
        for (int a = from; a <= to; a++) {
            for (int b = a; b <= to; b++) {
                assertBodyIntact(body, Feed.cuts(message, a, b), "split at " + a + " and " + b);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void bodyComesOutIdenticalOneByteAtATimeAndInRandomReads(long seed, byte[] body) {
        byte[] message = message(body);
        assertBodyIntact(body, Feed.byteAtATime(message), "one byte at a time");
        for (long s = 1; s <= 30; s++) {
            assertBodyIntact(body, Feed.randomReads(message, s, 1 + (int) s * 7), "random reads, seed " + s);
        }
        assertBodyIntact(body, Feed.offsetAndDirect(message, 5), "offset and direct buffers");
    }

    @Test
    void everyByteValueSurvivesInABody() {
        byte[] body = new byte[256 * 4];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        assertBodyIntact(body, Feed.whole(message(body)), "whole");
        assertBodyIntact(body, Feed.byteAtATime(message(body)), "one byte at a time");
    }

    @Test
    void largeBodyInManyReadsIsNeverHeldBackBeyondAnEndLineLength() {
        byte[] body = randomBodyWithFakes(99, 1 << 20);
        byte[] message = message(body);
        int[] delivered = {0};
        int[] maxLag = {0};
        MsrpParser p = new MsrpParser(ParserLimits.DEFAULTS, new Recorder() {
            @Override
            public void onBody(java.nio.ByteBuffer slice) {
                delivered[0] += slice.remaining();
                super.onBody(slice);
            }
        });
        int fed = 0;
        Random rnd = new Random(5);
        while (fed < message.length) {
            int n = Math.min(message.length - fed, 1 + rnd.nextInt(70_000));
            p.parse(java.nio.ByteBuffer.wrap(message, fed, n));
            fed += n;
            if (fed < HEAD.length() + body.length) {
                maxLag[0] = Math.max(maxLag[0], fed - HEAD.length() - delivered[0]);
            }
        }
        assertEquals(body.length, delivered[0]);
        int endLineLength = "\r\n-------".length() + TID.length() + 3;
        assertTrue(maxLag[0] < endLineLength, "held back " + maxLag[0] + " bytes");
    }

    private static void assertBodyIntact(byte[] body, Recorder r, String how) {
        assertEquals(List.of("head MSRP a786hjs2 SEND", "body " + body.length, "end $",
                "head MSRP a786hjs3 200 OK", "end $"), r.events, how);
        assertArrayEquals(body, r.messages.get(0).body(), how);
    }

    /**
     * The message with this body, after checking that the body holds no real end-line (RFC 4975
     * section 7.1.1). The blank line's CRLF counts too: a body may not start with its own end-line,
     * as {@code "\r\n\r\n-------tid$"} is read as an empty body (see {@link MalformedInputTest}).
     */
    static byte[] message(byte[] body) {
        String s = new String(concat(Feed.bytes("\r\n"), body, Feed.bytes("\r\n")), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (char flag : new char[] {'$', '+', '#'}) {
            int at = s.indexOf("\r\n-------" + TID + flag + "\r\n");
            if (at >= 0 && at < body.length + 2) {
                throw new IllegalStateException("the test body holds a real end-line at " + at);
            }
        }
        return concat(Feed.bytes(HEAD), body, Feed.bytes("\r\n-------" + TID + "$\r\n" + NEXT));
    }

    static byte[] randomBodyWithFakes(long seed, int size) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            out.writeBytes(randomBytes(rnd.nextLong(), rnd.nextInt(40)));
            // 'Z' on both sides: two fakes or a fake and a random byte must not add up to a real end-line
            out.write('Z');
            out.writeBytes(Feed.bytes(FAKES.get(rnd.nextInt(FAKES.size()))));
            out.write('Z');
        }
        return out.toByteArray();
    }

    static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
