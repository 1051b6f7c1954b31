package org.msrprelay.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a parser reports as comparable text events ({@code head}, {@code body <n>},
 * {@code end <flag>}, {@code error ...}) plus the messages themselves. Body slices are merged per
 * message, so the events do not depend on how the input was split into reads. Anything the
 * parser should never do (a body slice outside a message with a body, an empty slice, an event
 * after a fatal error) is recorded as a {@code violation} event so that assertions on the event
 * list catch it.
 */
class Recorder implements MsrpParser.Handler {
    /** One complete message: its head, its body bytes ({@code null} when it had none) and its flag. */
    record Message(MsrpHead head, byte[] body, char flag) {
    }

    final List<String> events = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<MsrpParseException> errors = new ArrayList<>();
    private MsrpHead head;
    private ByteArrayOutputStream body;
    private boolean closed;

    @Override
    public void onHead(MsrpHead h) {
        check();
        flushBody();
        events.add("head " + h);
        head = h;
        body = h.hasBody() ? new ByteArrayOutputStream() : null;
    }

    @Override
    public void onBody(ByteBuffer slice) {
        check();
        if (body == null) {
            events.add("violation: body outside a message with a body");
            return;
        }
        if (!slice.hasRemaining()) {
            events.add("violation: empty body slice");
        }
        byte[] b = new byte[slice.remaining()];
        slice.get(b);
        body.write(b, 0, b.length);
    }

    @Override
    public void onEnd(char flag) {
        check();
        if (head == null) {
            events.add("violation: end without head");
        } else {
            byte[] b = body == null ? null : body.toByteArray();
            messages.add(new Message(head, b, flag));
        }
        flushBody();
        events.add("end " + flag);
        head = null;
    }

    @Override
    public void onError(MsrpParseException error) {
        check();
        flushBody();
        head = null;
        errors.add(error);
        events.add("error " + error.status() + " " + (error.mustClose() ? "close" : "recover") + " " + error.getMessage());
        closed = error.mustClose();
    }

    private void check() {
        if (closed) {
            events.add("violation: event after a fatal error");
        }
    }

    private void flushBody() {
        if (body != null) {
            events.add("body " + body.size());
            body = null;
        }
    }

    /** The events without error messages: {@code error 400 recover}. */
    List<String> shape() {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (e.startsWith("error ")) {
                String[] p = e.split(" ", 4);
                out.add(p[0] + " " + p[1] + " " + p[2]);
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** Every body byte of every message, concatenated: what a relay would forward. */
    byte[] allBodies() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            if (m.body() != null) {
                out.write(m.body(), 0, m.body().length);
            }
        }
        return out.toByteArray();
    }

    /** A comparable description of every complete message: heads, bodies and flags. */
    List<String> describeMessages() {
        List<String> out = new ArrayList<>();
        for (Message m : messages) {
            out.add(Heads.describe(m.head()) + " body=" + (m.body() == null ? "none" : java.util.HexFormat.of().formatHex(m.body()))
                    + " flag=" + m.flag());
        }
        return out;
    }
}
