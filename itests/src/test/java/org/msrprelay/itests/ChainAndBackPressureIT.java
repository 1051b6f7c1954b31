package org.msrprelay.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.msrprelay.itests.MsrpTestClient.Auth;
import org.msrprelay.itests.MsrpTestClient.Frame;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A chain through two relay instances, and back-pressure that stays within one session. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChainAndBackPressureIT extends KarafTestSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    private static String relay(int port) {
        return "msrp://127.0.0.1:" + port + ";tcp";
    }

    /** Starts a second, independent relay (factory PID org.msrprelay.relay.instance) on a free port. */
    private int secondRelay() throws Exception {
        int port = freePort();
        org.osgi.service.cm.Configuration c = configAdmin.getFactoryConfiguration("org.msrprelay.relay.instance", "second", "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("address", "127.0.0.1");
        p.put("port", Integer.toString(port));
        p.put("hostname", "127.0.0.1");
        p.put("debug_notls", "true");
        p.put("default_domain", "example.com");
        c.update(p);
        await("second relay listening", Duration.ofSeconds(30), () -> {
            try (MsrpTestClient x = MsrpTestClient.connect("127.0.0.1", port)) {
                return x.authenticate(relay(port), "carol", "example.com", PASSWORD, null, false).status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return port;
    }

    private static List<String> headers(String mid, long len) {
        return List.of("Message-ID: " + mid, "Byte-Range: 1-" + len + "/" + len, "Content-Type: text/plain");
    }

    @Test
    public void aChainThroughTwoRelaysWorksInBothDirections() throws Exception {
        int port2 = secondRelay();
        try (MsrpTestClient a = client(); MsrpTestClient b = MsrpTestClient.connect("127.0.0.1", port2)) {
            Auth aa = a.auth(relay(relayPort()), "alice");
            Auth bb = b.auth(relay(port2), "bob");
            byte[] hello = "through two relays".getBytes(StandardCharsets.UTF_8);
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    headers("ch1abcde", hello.length), hello, '$'));
            assertEquals(200, a.read().status());
            Frame atB = b.read();
            assertEquals("SEND", atB.method());
            assertEquals(b.uri, atB.header("To-Path"));
            assertEquals(bb.usePath + " " + aa.usePath + " " + a.uri, atB.header("From-Path"));
            assertArrayEquals(hello, atB.body);
            b.sendRaw("MSRP " + atB.tid + " 200 OK\r\nTo-Path: " + bb.usePath + "\r\nFrom-Path: " + b.uri + "\r\n-------" + atB.tid + "$\r\n");

            byte[] back = "and back again".getBytes(StandardCharsets.UTF_8);
            b.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", bb.usePath + " " + aa.usePath + " " + a.uri, b.uri,
                    headers("ch2abcde", back.length), back, '$'));
            assertEquals(200, b.read().status());
            Frame atA = a.read();
            assertEquals("SEND", atA.method());
            assertEquals(aa.usePath + " " + bb.usePath + " " + b.uri, atA.header("From-Path"));
            assertArrayEquals(back, atA.body);

            String r = MsrpTestClient.tid();
            b.sendRaw(MsrpTestClient.request(r, "REPORT", bb.usePath + " " + aa.usePath + " " + a.uri, b.uri,
                    List.of("Message-ID: ch1abcde", "Byte-Range: 1-" + hello.length + "/" + hello.length, "Status: 000 200 OK"), null, '$'));
            Frame report = a.readUntil(f -> "REPORT".equals(f.method()));
            assertEquals("000 200 OK", report.header("Status"));
        }
    }

    @Test
    public void aSlowReceiverPausesItsSenderWithoutSlowingAnotherSession() throws Exception {
        try (MsrpTestClient a = client(); MsrpTestClient b = client(); MsrpTestClient c = client(); MsrpTestClient d = client()) {
            Auth aa = a.auth(relay(relayPort()), "alice");
            Auth bb = b.auth(relay(relayPort()), "bob");
            Auth cc = c.auth(relay(relayPort()), "carol");
            Auth dd = d.auth(relay(relayPort()), "alice");
            long total = 128L << 20;
            String t = MsrpTestClient.tid();
            String full = new String(MsrpTestClient.request(t, "SEND", aa.usePath + " " + bb.usePath + " " + b.uri, a.uri,
                    headers("bp1abcde", total), null, '$'), StandardCharsets.US_ASCII);
            String head = full.substring(0, full.lastIndexOf("-------")) + "\r\n";
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = a.socket().getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[65536];
                    new Random(7).nextBytes(chunk);
                    for (long done = 0; done < total; done += chunk.length) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                    out.write(("\r\n-------" + t + "$\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "slow-receiver-writer");
            writer.setDaemon(true);
            writer.start();
            // B reads nothing: A must stall after the relay's queue and the socket buffers fill up
            long before = -1;
            for (int i = 0; i < 40 && written.get() != before; i++) {
                before = written.get();
                Thread.sleep(250);
            }
            assertTrue("A's writes stalled at " + written.get() + " bytes", written.get() < total / 2);
            // meanwhile C and D exchange messages at full speed
            for (int i = 0; i < 20; i++) {
                byte[] m = ("message " + i).getBytes(StandardCharsets.UTF_8);
                c.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", cc.usePath + " " + dd.usePath + " " + d.uri, c.uri,
                        headers("cd" + i + "abcde", m.length), m, '$'));
                assertEquals(200, c.read().status());
                assertArrayEquals(m, d.read().body);
            }
            // B starts reading: everything arrives
            long[] got = {0};
            Frame f;
            do {
                f = b.read(bytes -> got[0] += bytes.length);
            } while (f.flag == '+');
            assertEquals('$', f.flag);
            assertEquals(total, got[0]);
            writer.join(30_000);
        }
    }
}
