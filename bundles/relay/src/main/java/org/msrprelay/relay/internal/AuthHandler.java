package org.msrprelay.relay.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.msrprelay.auth.api.Credential;
import org.msrprelay.auth.api.CredentialStore;
import org.msrprelay.auth.api.CredentialStoreException;
import org.msrprelay.auth.digest.BasicCredentials;
import org.msrprelay.auth.digest.Digests;
import org.msrprelay.auth.digest.Precheck;
import org.msrprelay.auth.digest.PrecheckStatus;
import org.msrprelay.auth.digest.Verification;
import org.msrprelay.codec.AuthParams;
import org.msrprelay.codec.Header;
import org.msrprelay.codec.MsrpHead;
import org.msrprelay.codec.MsrpSyntaxException;
import org.msrprelay.codec.MsrpUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH (RFC 4976 section 5): 401 with a digest challenge, credential look-up off the I/O thread
 * (the connection stops reading until it answers), digest check, Expires bounds (423), and 200
 * with Use-Path, Expires and Authentication-Info. A later AUTH on the same connection refreshes
 * the session, again only with valid credentials.
 */
final class AuthHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);

    private final RelayEngine engine;

    AuthHandler(RelayEngine engine) {
        this.engine = engine;
    }

    /** A request carrying what was learnt before the look-up. */
    private record Attempt(Connection c, MsrpHead h, String realm, String user, String digestUser, AuthParams params,
                           String basicPassword, long expires) {
    }

    void handle(Connection c, MsrpHead h) {
        RelaySettings st = c.settings();
        MsrpUri target = h.toPath().get(0);
        String realm = st.defaultDomain().isEmpty() ? target.host() : st.defaultDomain();
        long expires;
        AuthParams params = null;
        String authz = h.header("Authorization");
        try {
            expires = h.seconds("Expires");
            if (authz != null) {
                params = AuthParams.parseWithScheme(latin1ToUtf8(authz));
            }
        } catch (MsrpSyntaxException e) {
            engine.router.reject(c, h, 400, e.getMessage());
            return;
        }
        if (params == null) {
            challenge(c, h, realm, false);
            return;
        }
        String digestUser;
        String basicPassword = null;
        if (params.scheme().equalsIgnoreCase("Basic")) {
            Optional<String[]> creds = BasicCredentials.parse(authz);
            if (!st.allowBasicAuth() || !c.link.secure() || creds.isEmpty()) {
                failed(c, h, realm, null, st.allowBasicAuth() ? "Basic credentials need TLS" : "Basic authentication disabled");
                return;
            }
            digestUser = creds.get()[0];
            basicPassword = creds.get()[1];
        } else if (params.scheme().equalsIgnoreCase("Digest")) {
            Precheck pre = c.gen.digest().precheck(params.params(), realm, c.link.id);
            if (pre.status() == PrecheckStatus.STALE_NONCE) {
                challenge(c, h, realm, true);
                return;
            }
            digestUser = params.get("username");
            if (!pre.ok()) {
                failed(c, h, realm, digestUser, pre.detail());
                return;
            }
        } else {
            failed(c, h, realm, null, "unsupported scheme " + params.scheme());
            return;
        }
        String user = digestUser;
        int at = digestUser.lastIndexOf('@');
        if (at >= 0) {
            if (!digestUser.substring(at + 1).equalsIgnoreCase(realm)) {
                failed(c, h, realm, digestUser, "user's domain is not the realm");
                return;
            }
            user = digestUser.substring(0, at);
        }
        lookUp(new Attempt(c, h, realm, user, digestUser, params, basicPassword, expires));
    }

    private void lookUp(Attempt a) {
        Connection c = a.c;
        String backendName = c.settings().backend();
        CredentialStore store = engine.backend(backendName);
        if (store == null) {
            LOG.warn("AUTH refused: peer={} reason=credential backend '{}' is not available", c.link.remote(), backendName);
            unavailable(a);
            return;
        }
        c.authPending = true;
        c.link.suspendRead();
        CompletableFuture.supplyAsync(() -> {
            try {
                return store.lookup(a.user, a.realm);
            } catch (CredentialStoreException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, engine.authExecutor).orTimeout(c.settings().authLookupTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((cred, err) -> {
                    synchronized (c) {
                        c.authPending = false;
                        try {
                            if (!c.closed && !c.link.isClosed()) {
                                finish(a, cred, err);
                            }
                        } catch (RuntimeException e) {
                            LOG.warn("AUTH handling failed for {}", c.link.remote(), e);
                        }
                        engine.drainDeferred(c);
                    }
                    c.link.resumeRead();
                });
    }

    private void unavailable(Attempt a) {
        engine.stats.countError(500);
        a.c.link.writer.frame(Replies.response(a.h, 500, "Credential backend unavailable"));
    }

    private void finish(Attempt a, Optional<Credential> cred, Throwable err) {
        if (err != null) {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            LOG.warn("AUTH refused: peer={} reason=credential backend '{}' failed: {}", a.c.link.remote(),
                    a.c.settings().backend(), cause instanceof java.util.concurrent.TimeoutException ? "timed out" : cause.getMessage());
            unavailable(a);
            return;
        }
        if (cred.isEmpty()) {
            failed(a.c, a.h, a.realm, a.digestUser, "unknown user");
            return;
        }
        String authInfo = null;
        if (a.basicPassword != null) {
            if (!cred.get().ha1For(a.digestUser, a.realm).equals(Digests.ha1(a.digestUser, a.realm, a.basicPassword))) {
                failed(a.c, a.h, a.realm, a.digestUser, "wrong password");
                return;
            }
        } else {
            Verification v = a.c.gen.digest().verify(a.params.params(), "AUTH", a.h.toPath().get(0).toString(), cred.get());
            if (!v.ok()) {
                failed(a.c, a.h, a.realm, a.digestUser, v.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                return;
            }
            authInfo = v.authenticationInfo();
        }
        RelaySettings st = a.c.settings();
        if (a.expires >= 0 && a.expires < st.expiresMin()) {
            a.c.link.writer.frame(Replies.response(a.h, 423, Replies.reason(423),
                    List.of(new Header("Min-Expires", Integer.toString(st.expiresMin())))));
            engine.stats.countError(423);
            return;
        }
        if (a.expires > st.expiresMax()) {
            a.c.link.writer.frame(Replies.response(a.h, 423, Replies.reason(423),
                    List.of(new Header("Max-Expires", Integer.toString(st.expiresMax())))));
            engine.stats.countError(423);
            return;
        }
        succeed(a, a.expires < 0 ? st.expiresDefault() : a.expires, authInfo);
    }

    private void succeed(Attempt a, long expires, String authInfo) {
        Connection c = a.c;
        RelaySession s = c.owned;
        if (s != null && !(s.user.equals(a.user) && s.realm.equalsIgnoreCase(a.realm))) {
            failed(c, a.h, a.realm, a.digestUser, "refresh by another user");
            return;
        }
        if (s == null) {
            if (engine.sessionCount() >= c.settings().maxSessions()) {
                LOG.warn("AUTH refused: peer={} reason=max_sessions ({}) reached", c.link.remote(), c.settings().maxSessions());
                c.link.writer.frame(Replies.response(a.h, 403, "Too many sessions"));
                engine.stats.countError(403);
                return;
            }
            String id = Ids.sessionId();
            MsrpUri uri = MsrpUri.of(c.link.secure(), c.gen.hostname(), c.settings().port(), id);
            s = new RelaySession(id, a.user, a.realm, uri, c, a.h.fromPath());
            c.owned = s;
            c.valid = true;
            engine.addSession(s);
            LOG.debug("AUTH ok: session={} user={}@{} peer={} expires={}", id, a.user, a.realm, c.link.remote(), expires);
        }
        engine.scheduleExpiry(s, expires);
        engine.stats.authOk.increment();
        List<Header> headers = new ArrayList<>(3);
        headers.add(new Header("Use-Path", usePath(a.h.fromPath(), s.relayUri)));
        headers.add(new Header("Expires", Long.toString(expires)));
        if (authInfo != null) {
            headers.add(new Header("Authentication-Info", authInfo));
        }
        c.link.writer.frame(Replies.response(a.h, 200, "OK", headers));
    }

    /** RFC 4976 section 5.1: the From-Path minus the client's own URI, reversed, then this relay's URI. */
    private static String usePath(List<MsrpUri> fromPath, MsrpUri relay) {
        List<MsrpUri> hops = new ArrayList<>(fromPath.subList(0, fromPath.size() - 1));
        Collections.reverse(hops);
        hops.add(relay);
        StringBuilder sb = new StringBuilder();
        for (MsrpUri u : hops) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(u);
        }
        return sb.toString();
    }

    private void failed(Connection c, MsrpHead h, String realm, String user, String reason) {
        RelaySettings st = c.settings();
        c.authFailures++;
        engine.stats.authFailed.increment();
        if (st.logFailedAuth()) {
            LOG.warn("AUTH failed: user={} realm={} peer={} reason={}", user, realm, c.link.remote(), reason);
        }
        if (st.maxAuthAttempts() > 0 && c.authFailures >= st.maxAuthAttempts()) {
            LOG.info("closing connection: peer={} reason={} failed AUTH attempts", c.link.remote(), c.authFailures);
            c.link.writer.frame(Replies.response(h, 403, "Too many failed authentication attempts"));
            engine.stats.countError(403);
            c.link.closeAfterFlush();
            return;
        }
        challenge(c, h, realm, false);
    }

    private void challenge(Connection c, MsrpHead h, String realm, boolean stale) {
        List<Header> headers = new ArrayList<>(2);
        headers.add(new Header("WWW-Authenticate", c.gen.digest().challenge(c.link.id, realm, stale).headerValue()));
        if (c.settings().allowBasicAuth() && c.link.secure()) {
            headers.add(new Header("WWW-Authenticate", "Basic realm=" + AuthParams.quote(realm)));
        }
        engine.stats.countError(401);
        c.link.writer.frame(Replies.response(h, 401, "Unauthorized", headers));
    }

    /** Header bytes reach us as ISO-8859-1 chars; digest strings are UTF-8. */
    private static String latin1ToUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return new String(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return s;
    }
}
