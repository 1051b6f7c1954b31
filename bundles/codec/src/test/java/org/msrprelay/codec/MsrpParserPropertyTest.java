package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated messages survive serialisation and any split into reads; random byte soup never makes
 * {@link MsrpParser#parse} throw.
 * <p>
 * No {@code @Property} here sets {@code tries}: the count comes from {@code jqwik.tries.default}
 * in {@code src/test/resources/junit-platform.properties} (300 in the normal build). For a long run:
 * {@code mvn -B -o -q -pl bundles/codec install -Djqwik.tries.default=200000 -Dtest=MsrpParserPropertyTest}
 * (add {@code -Dsurefire.failIfNoSpecifiedTests=false} when other modules are built too).
 */
class MsrpParserPropertyTest {
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** One message as generated: the head, the body ({@code null} for none) and the flag. */
    record Generated(MsrpHead head, byte[] body, char flag) {
        byte[] wire() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(MsrpEncoder.head(head));
            if (body != null) {
                out.writeBytes(body);
            }
            out.writeBytes(MsrpEncoder.endLine(head.transactionId(), flag, head.hasBody()));
            return out.toByteArray();
        }

        String describe() {
            return Heads.describe(head) + " body=" + (body == null ? "none" : java.util.HexFormat.of().formatHex(body))
                    + " flag=" + flag;
        }

        /** RFC 4975 section 7.1.1: the body must not hold the end-line (counting the blank line's CRLF, see BinaryBodyTest). */
        boolean bodyIsFramable() {
            if (body == null) {
                return true;
            }
            String s = "\r\n" + new String(body, StandardCharsets.ISO_8859_1) + "\r\n";
            for (char f : new char[] {'$', '+', '#'}) {
                int at = s.indexOf("\r\n-------" + head.transactionId() + f + "\r\n");
                if (at >= 0 && at < body.length + 2) {
                    return false;
                }
            }
            return true;
        }
    }

    @Provide
    Arbitrary<String> tids() {
        return Combinators.combine(Arbitraries.strings().withChars(ALNUM).ofLength(1),
                Arbitraries.strings().withChars(ALNUM + ".-+%=").ofMinLength(3).ofMaxLength(31)).as(String::concat);
    }

    Arbitrary<String> uris() {
        Arbitrary<String> scheme = Arbitraries.of("msrp", "msrps", "MSRP", "Msrps");
        Arbitrary<String> userinfo = Arbitraries.strings().withChars(ALNUM).ofMinLength(1).ofMaxLength(8).map(u -> u + "@")
                .injectNull(0.8).map(u -> u == null ? "" : u);
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.strings().withChars(ALNUM + ".-").ofMinLength(1).ofMaxLength(30),
                Arbitraries.integers().between(0, 255).list().ofSize(4).map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)),
                Arbitraries.of("[::1]", "[2001:db8::7]", "[fe80::1:2:3:4]"));
        Arbitrary<String> port = Arbitraries.integers().between(0, 65535).map(p -> ":" + p).injectNull(0.2)
                .map(p -> p == null ? "" : p);
        Arbitrary<String> session = Arbitraries.strings().withChars(ALNUM + "-._~+=/").ofMinLength(1).ofMaxLength(40)
                .map(s -> "/" + s).injectNull(0.1).map(s -> s == null ? "" : s);
        Arbitrary<String> transport = Arbitraries.of(";tcp", ";TCP", ";tcp;p=1", ";Tcp;x;y=z");
        return Combinators.combine(scheme, userinfo, host, port, session, transport)
                .as((s, u, h, p, id, t) -> s + "://" + u + h + p + id + t);
    }

    Arbitrary<List<MsrpUri>> paths() {
        return uris().map(MsrpUriTest::uri).list().ofMinSize(1).ofMaxSize(4);
    }

    Arbitrary<Header> headers() {
        Arbitrary<String> name = Combinators.combine(Arbitraries.strings().alpha().ofLength(1),
                Arbitraries.strings().withChars(ALNUM + "-.!%*_+`'~").ofMaxLength(20)).as(String::concat)
                .filter(n -> !n.equalsIgnoreCase("To-Path") && !n.equalsIgnoreCase("From-Path"));
        // any byte but LF; no white space right after the colon, the parser drops it
        Arbitrary<String> value = Arbitraries.strings().withCharRange('\u0000', '\u00ff').excludeChars('\n').ofMaxLength(80)
                .filter(v -> v.isEmpty() || (v.charAt(0) != ' ' && v.charAt(0) != '\t'));
        return Combinators.combine(name, value).as(Header::new);
    }

    Arbitrary<byte[]> bodies() {
        Arbitrary<Byte> tricky = Arbitraries.of((byte) '\r', (byte) '\n', (byte) '-', (byte) '$', (byte) '+', (byte) '#');
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<Byte> b = Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(1, tricky));
        return b.array(byte[].class).ofMaxSize(3000);
    }

    @Provide
    Arbitrary<Generated> messages() {
        Arbitrary<String> method = Arbitraries.oneOf(Arbitraries.of("SEND", "REPORT", "AUTH", "NICKNAME", "send"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10));
        Arbitrary<Generated> requests = Combinators.combine(tids(), method, paths(), paths(), headers().list().ofMaxSize(8),
                bodies().injectNull(0.3), Arbitraries.of('$', '+', '#'))
                .as((tid, m, to, from, hs, body, flag) -> new Generated(MsrpHead.request(tid, m, to, from, hs, body != null), body, flag));
        Arbitrary<String> comment = Arbitraries.strings().withCharRange(' ', '\u00ff').ofMinLength(1).ofMaxLength(40).injectNull(0.3);
        Arbitrary<Generated> responses = Combinators.combine(tids(), Arbitraries.integers().between(100, 999), comment, paths(), paths(),
                headers().list().ofMaxSize(4))
                .as((tid, status, c, to, from, hs) -> new Generated(MsrpHead.response(tid, status, c, to, from, hs), null, '$'));
        return Arbitraries.frequencyOf(Tuple.of(3, requests), Tuple.of(1, responses));
    }

    @Property
    void generatedMessagesParseBackWhateverTheReads(@ForAll("streams") List<Generated> messages, @ForAll long seed) {
        messages.forEach(m -> Assume.that(m.bodyIsFramable()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (Generated m : messages) {
            out.writeBytes(m.wire());
            expected.add(m.describe());
        }
        byte[] wire = out.toByteArray();
        Random rnd = new Random(seed);
        int[] cuts = rnd.ints(rnd.nextInt(8), 0, wire.length + 1).sorted().toArray();
        Recorder r = Feed.cuts(wire, cuts);
        assertEquals(expected, r.describeMessages(), () -> "cuts " + java.util.Arrays.toString(cuts) + " events " + r.events);
        assertEquals(3 * messages.size() - messages.stream().filter(m -> m.body() == null).count(), r.events.size(),
                r.events::toString);
        // and the same bytes come out of the encoder again
        assertEquals(new String(wire, StandardCharsets.ISO_8859_1),
                new String(CorpusTest.encode(r.messages), StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<List<Generated>> streams() {
        return messages().list().ofMinSize(1).ofMaxSize(4);
    }

    // ---- fuzz ------------------------------------------------------------------------------

    private static final List<String> TEMPLATES = List.of(
            "MSRP abcd SEND\r\nTo-Path: msrp://b:1/bob;tcp\r\nFrom-Path: msrp://a:1/al;tcp\r\nContent-Type: text/plain\r\n\r\n"
                    + "hello\r\n-------abcd$\r\n",
            "MSRP efgh REPORT\r\nTo-Path: msrp://b:1/bob;tcp\r\nFrom-Path: msrp://a:1/al;tcp\r\nStatus: 000 200 OK\r\n-------efgh$\r\n",
            "MSRP ijkl 200 OK\r\nTo-Path: msrp://b:1/bob;tcp\r\nFrom-Path: msrp://a:1/al;tcp\r\n-------ijkl$\r\n",
            "MSRP mnop AUTH\r\nTo-Path: msrps://r.example.com;tcp\r\nFrom-Path: msrps://a:1/al;tcp\r\n"
                    + "Authorization: Digest username=\"a\", nonce=\"n\"\r\n-------mnop$\r\n",
            "MSRP qrst SEND\r\nTo-Path: msrp://b:1/bob;tcp\r\nFrom-Path: msrp://a:1/al;tcp\r\nContent-Type: x/y\r\n\r\n"
                    + "\r\n-------qrs$\r\n\n-------qrst$\r\n\r\n-------qrst+\r\n");
    private static final List<String> TOKENS = List.of("MSRP ", " ", "\r\n", "\n", "\r", "\r\n\r\n", "-------", "-------abcd$\r\n",
            "\r\n-------abcd+\r\n", "$", "+", "#", ":", "To-Path: msrp://b:1/bob;tcp\r\n", "From-Path: msrp://a:1/al;tcp\r\n",
            "msrps://[::1]:2855/x;TCP", "msrp://", ";tcp", "Content-Type: text/plain\r\n", "\u0000", "\u00ff", "x".repeat(70),
            "X-Long: " + "y".repeat(120) + "\r\n", "b".repeat(60));

    /** Valid messages, then mutated: tokens inserted, ranges deleted, bytes replaced. */
    @Provide
    Arbitrary<byte[]> soup() {
        Arbitrary<List<String>> messages = Arbitraries.of(TEMPLATES).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(TOKENS),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(1).ofMaxLength(8));
        Arbitrary<Tuple.Tuple3<Integer, Double, String>> mutation = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1), token).as(Tuple::of);
        return Combinators.combine(messages, mutation.list().ofMaxSize(6)).as((ms, mutations) -> {
            StringBuilder sb = new StringBuilder(String.join("", ms));
            for (Tuple.Tuple3<Integer, Double, String> m : mutations) {
                int at = (int) (m.get2() * sb.length());
                if (m.get1() == 0) {
                    sb.insert(at, m.get3());
                } else if (m.get1() == 1) {
                    sb.delete(at, Math.min(sb.length(), at + m.get3().length()));
                } else if (at < sb.length()) {
                    sb.setCharAt(at, m.get3().charAt(0));
                }
            }
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        });
    }

    @Property
    void byteSoupNeverThrowsOutOfParse(@ForAll("soup") byte[] soup, @ForAll @IntRange(min = 1, max = 80) int readSize,
                                       @ForAll boolean smallLimits) {
        ParserLimits limits = smallLimits ? new ParserLimits(64, 100, 300, 6, 2, 50) : ParserLimits.DEFAULTS;
        Recorder r = new Recorder();
        MsrpParser p = new MsrpParser(limits, r);
        for (int from = 0; from < soup.length; from += readSize) {
            ByteBuffer b = ByteBuffer.wrap(soup, from, Math.min(readSize, soup.length - from));
            p.parse(b);
            assertTrue(!b.hasRemaining(), "parse consumes everything");
        }
        assertTrue(r.events.stream().noneMatch(e -> e.startsWith("violation")), r.events::toString);
        Statistics.label("outcome").collect(r.messages.isEmpty() ? "no message" : "messages",
                p.failed() ? "fatal" : r.errors.isEmpty() ? "clean" : "recovered");
        assertEquals(p.failed(), r.errors.stream().anyMatch(MsrpParseException::mustClose));
        for (MsrpParseException e : r.errors) {
            assertTrue(e.status() == 0 || e.status() == 400 || e.status() == 413, () -> "status " + e.status());
        }
    }

    @Property
    void byteSoupGivesTheSameEventsWholeAndByteByByte(@ForAll("soup") byte[] soup) {
        Recorder whole = Feed.whole(soup);
        Recorder bytewise = Feed.byteAtATime(soup);
        // a body cut off by the limit may have delivered more or less before the error; compare the rest
        assertEquals(strip(whole.shape()), strip(bytewise.shape()));
    }

    private static List<String> strip(List<String> events) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (!e.startsWith("body ")) {
                out.add(e.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
