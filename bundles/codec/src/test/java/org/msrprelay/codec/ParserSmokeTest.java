package org.msrprelay.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ParserSmokeTest {
    static final String SEND = "MSRP a786hjs2 SEND\r\n"
            + "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
            + "From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
            + "Message-ID: 87652491\r\n"
            + "Byte-Range: 1-25/25\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "Hey Bob, are you there?\r\n-------a786hjs\r\n"
            + "\r\n-------a786hjs2$\r\n"
            + "MSRP a786hjs3 200 OK\r\n"
            + "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
            + "From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
            + "-------a786hjs3$\r\n";

    @Test
    void parsesAtEverySplit() {
        byte[] all = SEND.getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= all.length; split++) {
            List<String> events = new ArrayList<>();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            MsrpParser p = new MsrpParser(ParserLimits.DEFAULTS, new MsrpParser.Handler() {
                public void onHead(MsrpHead head) { events.add("head " + head); }
                public void onBody(ByteBuffer slice) { byte[] b = new byte[slice.remaining()]; slice.get(b); body.write(b, 0, b.length); }
                public void onEnd(char flag) { events.add("end " + flag); }
                public void onError(MsrpParseException error) { events.add("error " + error.getMessage()); }
            });
            p.parse(ByteBuffer.wrap(all, 0, split));
            p.parse(ByteBuffer.wrap(all, split, all.length - split));
            assertEquals(List.of("head MSRP a786hjs2 SEND", "end $", "head MSRP a786hjs3 200 OK", "end $"), events, "split " + split);
            assertEquals("Hey Bob, are you there?\r\n-------a786hjs\r\n", body.toString(StandardCharsets.ISO_8859_1), "split " + split);
        }
    }
}
