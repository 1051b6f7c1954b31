package org.msrprelay.codec.mina;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msrprelay.codec.Corpus;
import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpEndLine;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpParseException;
import org.msrprelay.codec.ParserLimits;

/** The MINA adapter, offline: a {@link DummySession}, the factory's decoder and encoder, outputs that collect. */
class MsrpCodecFactoryTest {
    static final String TO = "To-Path: msrp://b.example.com:2855/bob;tcp\r\n";
    static final String FROM = "From-Path: msrp://a.example.com:2855/alice;tcp\r\n";

    private final MsrpCodecFactory factory = new MsrpCodecFactory(ParserLimits.DEFAULTS);
    private final IoSession session = new DummySession();

    /** Collects what the decoder writes. */
    static final class Decoded implements ProtocolDecoderOutput {
        final List<Object> items = new ArrayList<>();

        @Override
        public void write(Object message) {
            items.add(message);
        }

        @Override
        public void flush(NextFilter nextFilter, IoSession s) {
            // nothing is forwarded: the test reads items
        }
    }

    /** Collects what the encoder writes: one buffer per write. */
    static final class Encoded implements ProtocolEncoderOutput {
        final List<IoBuffer> writes = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(Object encoded) {
            IoBuffer b = (IoBuffer) encoded;
            writes.add(b);
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            bytes.writeBytes(out);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String send(String tid, String body) {
        return "MSRP " + tid + " SEND\r\n" + TO + FROM + "Message-ID: m1\r\nContent-Type: text/plain\r\n\r\n" + body
                + "\r\n-------" + tid + "$\r\n";
    }

    /**
     * Decodes each read in turn the way MINA's ProtocolCodecFilter does: it asks the factory for the
     * session's decoder on every read. The input arrays are scribbled over afterwards, as MINA reuses
     * its buffers.
     */
    List<Object> decode(IoSession s, byte[]... reads) throws Exception {
        Decoded out = new Decoded();
        for (byte[] read : reads) {
            byte[] copy = read.clone();
            IoBuffer in = IoBuffer.wrap(copy);
            factory.getDecoder(s).decode(s, in, out);
            assertFalse(in.hasRemaining(), "the decoder consumes every read");
            Arrays.fill(copy, (byte) 'X');
        }
        return out.items;
    }

    List<Object> decode(byte[]... reads) throws Exception {
        return decode(session, reads);
    }

    byte[] encode(List<Object> items) throws Exception {
        ProtocolEncoder encoder = factory.getEncoder(session);
        Encoded out = new Encoded();
        for (Object o : items) {
            encoder.encode(session, o, out);
        }
        return out.bytes.toByteArray();
    }

    static byte[][] split(byte[] data, int... cuts) {
        byte[][] out = new byte[cuts.length + 1][];
        int from = 0;
        for (int i = 0; i < cuts.length; i++) {
            out[i] = Arrays.copyOfRange(data, from, cuts[i]);
            from = cuts[i];
        }
        out[cuts.length] = Arrays.copyOfRange(data, from, data.length);
        return out;
    }

    static String text(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    static List<String> kinds(List<Object> items) {
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            out.add(o.getClass().getSimpleName());
        }
        return out;
    }

    @Test
    void smallMessagesInOneReadBecomeOneFrameEach() throws Exception {
        List<Object> items = decode(bytes(send("abcd", "hello") + send("efgh", "world")
                + "MSRP abcd 200 OK\r\n" + TO + FROM + "-------abcd$\r\n"));
        assertEquals(List.of("MsrpFrame", "MsrpFrame", "MsrpFrame"), kinds(items));
        MsrpFrame first = (MsrpFrame) items.get(0);
        assertEquals("abcd", first.head().transactionId());
        assertEquals("hello", text(first.body()));
        assertEquals('$', first.flag());
        MsrpFrame response = (MsrpFrame) items.get(2);
        assertEquals(200, response.head().status());
        assertFalse(response.body().hasRemaining());
    }

    @Test
    void messageSplitInsideTheHeadIsStillOneFrame() throws Exception {
        byte[] msg = bytes(send("abcd", "hello"));
        List<Object> items = decode(split(msg, 10, 40));
        assertEquals(List.of("MsrpFrame"), kinds(items));
        assertEquals("hello", text(((MsrpFrame) items.get(0)).body()));
    }

    @Test
    void messageSplitInsideTheBodyStreams() throws Exception {
        String body = "0123456789".repeat(10);
        byte[] msg = bytes(send("abcd", body));
        int inBody = msg.length - 60;
        List<Object> items = decode(split(msg, inBody, inBody + 20));
        assertEquals(List.of("MsrpHead", "MsrpBodySlice", "MsrpBodySlice", "MsrpBodySlice", "MsrpEndLine"), kinds(items));
        StringBuilder got = new StringBuilder();
        for (Object o : items) {
            if (o instanceof MsrpBodySlice) {
                got.append(text(((MsrpBodySlice) o).data()));
            }
        }
        assertEquals(body, got.toString());
        assertEquals(new MsrpEndLine("abcd", '$', true), items.get(items.size() - 1));
    }

    @Test
    void bodyOverTheCoalescingLimitStreamsEvenWithinOneRead() throws Exception {
        String body = "x".repeat(MsrpProtocolDecoder.COALESCE_MAX + 1);
        List<Object> items = decode(bytes(send("abcd", body)));
        assertEquals("MsrpHead", kinds(items).get(0));
        assertEquals("MsrpEndLine", kinds(items).get(items.size() - 1));
        int total = 0;
        for (Object o : items.subList(1, items.size() - 1)) {
            total += assertInstanceOf(MsrpBodySlice.class, o).data().remaining();
        }
        assertEquals(body.length(), total);
    }

    @Test
    void bodyAtTheCoalescingLimitIsOneFrame() throws Exception {
        String body = "x".repeat(MsrpProtocolDecoder.COALESCE_MAX);
        List<Object> items = decode(bytes(send("abcd", body)));
        assertEquals(List.of("MsrpFrame"), kinds(items));
        assertEquals(body.length(), ((MsrpFrame) items.get(0)).body().remaining());
    }

    @Test
    void emptyBodyBothWaysIsAFrameWithAnEmptyBody() throws Exception {
        String head = "MSRP abcd SEND\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n";
        for (String end : new String[] {"\r\n-------abcd+\r\n", "-------abcd+\r\n"}) {
            List<Object> items = decode(bytes(head + end));
            MsrpFrame f = (MsrpFrame) items.get(0);
            assertTrue(f.head().hasBody());
            assertEquals(0, f.body().remaining());
            assertEquals('+', f.flag());
            assertArrayEquals(bytes(head + "\r\n-------abcd+\r\n"), encode(items));
        }
    }

    @Test
    void recoverableErrorIsWrittenAndTheNextMessageDecodes() throws Exception {
        List<Object> items = decode(bytes("MSRP abcd SEND\r\n" + FROM + "-------abcd$\r\n" + send("efgh", "ok")));
        assertEquals(List.of("MsrpParseException", "MsrpFrame"), kinds(items));
        MsrpParseException e = (MsrpParseException) items.get(0);
        assertEquals(400, e.status());
        assertFalse(e.mustClose());
    }

    @Test
    void errorInsideAStreamedBodyComesAfterWhatWasStreamed() throws Exception {
        session.setAttribute(MsrpCodecFactory.LIMITS, new ParserLimits(64, 100, 400, 8, 2, 100));
        String report = "MSRP abcd REPORT\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n" + "r".repeat(150) + "\r\n-------abcd$\r\n";
        byte[] msg = bytes(report + send("efgh", "ok"));
        List<Object> items = decode(split(msg, report.length() - 100));
        assertEquals("MsrpHead", kinds(items).get(0));
        MsrpParseException e = (MsrpParseException) items.stream().filter(o -> o instanceof MsrpParseException).findFirst().orElseThrow();
        assertEquals(413, e.status());
        assertEquals("MsrpFrame", kinds(items).get(items.size() - 1));
    }

    @Test
    void limitsComeFromTheSessionAttribute() throws Exception {
        String report = "MSRP abcd REPORT\r\n" + TO + FROM + "Content-Type: text/plain\r\n\r\n" + "r".repeat(150) + "\r\n-------abcd$\r\n";
        assertEquals(List.of("MsrpFrame"), kinds(decode(bytes(report))));
        IoSession strict = new DummySession();
        strict.setAttribute(MsrpCodecFactory.LIMITS, new ParserLimits(64, 100, 400, 8, 2, 100));
        List<Object> items = decode(strict, bytes(report));
        // the head held for coalescing goes out first; the error then ends that message
        assertEquals(List.of("MsrpHead", "MsrpParseException"), kinds(items));
        assertEquals(413, ((MsrpParseException) items.get(1)).status());
    }

    @Test
    void fatalErrorIsWrittenOnceAndNothingAfter() throws Exception {
        List<Object> items = decode(bytes("GARBAGE\r\n"), bytes(send("abcd", "x")));
        assertEquals(List.of("MsrpParseException"), kinds(items));
        assertTrue(((MsrpParseException) items.get(0)).mustClose());
    }

    @Test
    void sessionKeepsItsDecoderAcrossReads() throws Exception {
        assertSame(factory.getDecoder(session), factory.getDecoder(session), "ProtocolCodecFilter asks on every read");
        byte[] msg = bytes(send("abcd", "hello"));
        for (int cut = 1; cut < msg.length; cut++) {
            IoSession fresh = new DummySession();
            List<Object> items = decode(fresh, split(msg, cut));
            assertFalse(items.stream().anyMatch(o -> o instanceof MsrpParseException), "cut " + cut);
            assertArrayEquals(msg, encode(items), "cut " + cut);
        }
    }

    @Test
    void eachSessionGetsItsOwnDecoder() throws Exception {
        IoSession other = new DummySession();
        ProtocolDecoder a = factory.getDecoder(session);
        ProtocolDecoder b = factory.getDecoder(other);
        byte[] msg = bytes(send("abcd", "hello"));
        Decoded outA = new Decoded();
        Decoded outB = new Decoded();
        a.decode(session, IoBuffer.wrap(Arrays.copyOf(msg, 30)), outA);
        b.decode(other, IoBuffer.wrap(bytes(send("efgh", "other"))), outB);
        a.decode(session, IoBuffer.wrap(Arrays.copyOfRange(msg, 30, msg.length)), outA);
        assertEquals("hello", text(((MsrpFrame) outA.items.get(0)).body()));
        assertEquals("other", text(((MsrpFrame) outB.items.get(0)).body()));
        assertSame(factory.getEncoder(session), factory.getEncoder(other), "the encoder is stateless and shared");
    }

    @Test
    void frameIsEncodedAsASingleWrite() throws Exception {
        byte[] msg = bytes(send("abcd", "hello"));
        MsrpFrame f = (MsrpFrame) decode(msg).get(0);
        Encoded out = new Encoded();
        factory.getEncoder(session).encode(session, f, out);
        assertEquals(1, out.writes.size());
        assertArrayEquals(msg, out.bytes.toByteArray());
        assertEquals(5, f.body().remaining(), "encoding does not consume the frame's body");
    }

    @Test
    void encoderRefusesOtherObjects() {
        assertThrows(IllegalArgumentException.class,
                () -> factory.getEncoder(session).encode(session, "MSRP abcd SEND", new Encoded()));
    }

    @Test
    void headAloneEncodesLikeTheParsedHead() throws Exception {
        byte[] msg = bytes(send("abcd", "0123456789".repeat(20)));
        List<Object> items = decode(split(msg, msg.length - 50));
        MsrpHead head = (MsrpHead) items.get(0);
        String text = new String(encode(List.of(head)), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("MSRP abcd SEND\r\n" + TO + FROM) && text.endsWith("Content-Type: text/plain\r\n\r\n"), text);
    }

    static Stream<String> corpus() {
        return Corpus.names().filter(n -> !n.contains("as-printed"));
    }

    /** Whatever the read boundaries, frames or head/slices/end-lines encode back to the bytes that came in. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusStreamRoundTripsAtEverySplit(String name) throws Exception {
        byte[] data = Corpus.bytes(name);
        for (int cut = 0; cut <= data.length; cut++) {
            List<Object> items = decode(split(data, cut));
            assertFalse(items.stream().anyMatch(o -> o instanceof MsrpParseException), items::toString);
            assertArrayEquals(data, encode(items), "split at " + cut);
        }
        List<Object> whole = decode(data);
        assertTrue(whole.stream().allMatch(o -> o instanceof MsrpFrame), "small messages in one read are frames");
    }
}
