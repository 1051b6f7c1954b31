package org.msrprelay.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.msrprelay.itests.MsrpTestClient.Auth;
import org.msrprelay.itests.MsrpTestClient.Frame;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The msrp: commands against a live relay. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellIT extends KarafTestSupport {

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Session s = sessionFactory.create(new java.io.ByteArrayInputStream(new byte[0]), ps, ps);
            s.put("APPLICATION", "msrprelay-itest");
            Object result = s.execute(command);
            if (result != null) {
                ps.println(result);
            }
            s.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String relay() {
        return "msrp://127.0.0.1:" + relayPort() + ";tcp";
    }

    @Test
    public void userAddThenAuthThenSessionsStatsAndClose() throws Exception {
        run("msrp:user-add frank@example.com Fr4nk-s3cret");
        assertTrue(run("msrp:user-list").contains("frank@example.com"));
        try (MsrpTestClient a = client(); MsrpTestClient b = client()) {
            Auth aa = a.auth(relay(), "alice");
            Frame f = b.authenticate(relay(), "frank", "example.com", "Fr4nk-s3cret", null, false);
            assertEquals(f.toString(), 200, f.status());
            String ub = f.header("Use-Path");
            byte[] body = "counted bytes".getBytes(StandardCharsets.UTF_8);
            a.sendRaw(MsrpTestClient.request(MsrpTestClient.tid(), "SEND", aa.usePath + " " + ub + " " + b.uri, a.uri,
                    List.of("Message-ID: sh1abcde", "Byte-Range: 1-" + body.length + "/" + body.length), body, '$'));
            assertEquals(200, a.read().status());
            assertEquals("SEND", b.read().method());

            String sessions = run("msrp:sessions");
            String idA = aa.usePath.replaceAll(".*/([^/;]+);tcp$", "$1");
            assertTrue(sessions, sessions.contains(idA));
            assertTrue(sessions, sessions.contains("alice@example.com") && sessions.contains("frank@example.com"));
            assertTrue(sessions, sessions.contains(Integer.toString(body.length)));
            assertTrue(sessions, sessions.contains("BOUND"));

            String stats = run("msrp:stats");
            assertTrue(stats, stats.contains("auth_ok"));
            assertTrue(stats, stats.contains("messages_relayed"));

            run("msrp:session-close " + idA);
            assertTrue("closing A's session closes its connection", a.closedByPeer());
            assertFalse(run("msrp:sessions").contains(idA));
        }
        run("msrp:user-remove frank@example.com");
        assertFalse(run("msrp:user-list").contains("frank@example.com"));
        Path log = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        assertFalse("the typed password never reaches the log", Files.readString(log).contains("Fr4nk-s3cret"));
    }
}
