package org.msrprelay.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.msrprelay.codec.ByteRange;
import org.msrprelay.codec.Header;
import org.msrprelay.codec.MsrpBodySlice;
import org.msrprelay.codec.MsrpEndLine;
import org.msrprelay.codec.MsrpFrame;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpUri;

class OutboundWriterTest {

    /** Records what is written; queue size and read suspension are controllable. */
    static final class RecordingLink extends Link {
        final List<Object> sent = new ArrayList<>();
        long queued;
        boolean suspended;

        @Override
        void send(Object message) {
            sent.add(message);
        }

        @Override
        long queuedBytes() {
            return queued;
        }

        @Override
        void suspendRead() {
            suspended = true;
        }

        @Override
        void resumeRead() {
            suspended = false;
        }

        @Override
        void closeAfterFlush() {
        }

        @Override
        void closeNow() {
        }

        @Override
        boolean isClosed() {
            return false;
        }

        @Override
        boolean secure() {
            return false;
        }

        @Override
        String remote() {
            return "test";
        }

        @Override
        String remoteIp() {
            return null;
        }
    }

    private static MsrpHead send(String tid, String range) {
        return MsrpHead.request(tid, "SEND", List.of(MsrpUri.of(false, "b.example", 1, "b")),
                List.of(MsrpUri.of(false, "a.example", 1, "a")),
                List.of(new Header("Message-ID", "m1abcd"), new Header("Byte-Range", range)), true);
    }

    private static Stream stream(RecordingLink target) throws Exception {
        MsrpHead out = send("out1abcd", "1-20/20");
        return new Stream(null, send("up1abcd", "1-20/20"), out, ByteRange.parse("1-20/20"), target, null, null, false);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aWholeMessageInterruptsAnOpenChunkWhichContinuesWithAMovedByteRange() throws Exception {
        RecordingLink link = new RecordingLink();
        Stream s = stream(link);
        link.writer.open(s);
        link.writer.slice(s, bytes("0123456789"));
        MsrpFrame response = new MsrpFrame(MsrpHead.response("r1abcd", 200, "OK", List.of(MsrpUri.of(false, "x", 1, "y")),
                List.of(MsrpUri.of(false, "x", 1, "z")), List.of()), null, '$');
        link.writer.frame(response);
        link.writer.slice(s, bytes("abcdefghij"));
        link.writer.end(s, '$');

        assertEquals("out1abcd", ((MsrpHead) link.sent.get(0)).transactionId());
        assertEquals(new MsrpEndLine("out1abcd", '+', true), link.sent.get(2));
        assertEquals(response, link.sent.get(3));
        MsrpHead continuation = (MsrpHead) link.sent.get(4);
        assertEquals("11-20/20", continuation.header("Byte-Range"));
        assertEquals("m1abcd", continuation.header("Message-ID"));
        assertFalse(continuation.transactionId().equals("out1abcd"), "a new transaction per piece");
        assertEquals("abcdefghij", StandardCharsets.US_ASCII.decode(((MsrpBodySlice) link.sent.get(5)).data()).toString());
        assertEquals(new MsrpEndLine(continuation.transactionId(), '$', true), link.sent.get(6));
        assertEquals(7, link.sent.size());
    }

    @Test
    void anInterruptedChunkEndingWithPlusWritesNoEmptyPiece() throws Exception {
        RecordingLink link = new RecordingLink();
        Stream s = stream(link);
        link.writer.open(s);
        link.writer.slice(s, bytes("0123456789"));
        link.writer.frame(new MsrpFrame(send("other123", "1-1/1"), bytes("x"), '$'));
        link.writer.end(s, '+');
        assertEquals(4, link.sent.size(), "head, slice, '+' end-line, the other message: " + link.sent);
    }

    @Test
    void anInterruptedChunkEndingWithDollarGetsAnEmptyFinalPiece() throws Exception {
        RecordingLink link = new RecordingLink();
        Stream s = stream(link);
        link.writer.open(s);
        link.writer.slice(s, bytes("0123456789"));
        link.writer.frame(new MsrpFrame(send("other123", "1-1/1"), bytes("x"), '$'));
        link.writer.end(s, '$');
        MsrpHead last = (MsrpHead) link.sent.get(4);
        assertEquals("11-20/20", last.header("Byte-Range"));
        assertEquals(new MsrpEndLine(last.transactionId(), '$', true), link.sent.get(5));
    }

    @Test
    void abortEndsAnOpenChunkWithHashAndLaterSlicesAreDropped() throws Exception {
        RecordingLink link = new RecordingLink();
        Stream s = stream(link);
        link.writer.open(s);
        link.writer.slice(s, bytes("0123"));
        link.writer.abort(s);
        link.writer.slice(s, bytes("4567"));
        link.writer.end(s, '$');
        assertEquals(new MsrpEndLine("out1abcd", '#', true), link.sent.get(2));
        assertEquals(3, link.sent.size());
    }

    @Test
    void aSourceIsPausedAboveTheLimitAndResumedBelowHalf() {
        RecordingLink target = new RecordingLink();
        RecordingLink sourceLink = new RecordingLink();
        Connection source = new Connection(sourceLink, null, false);
        target.queued = 5000;
        target.writer.applyBackPressure(source, 4096);
        assertTrue(sourceLink.suspended);
        target.queued = 3000;
        target.writer.drained(4096);
        assertTrue(sourceLink.suspended, "still above half the limit");
        target.queued = 1000;
        target.writer.drained(4096);
        assertFalse(sourceLink.suspended);
    }
}
