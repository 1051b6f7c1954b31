package org.msrprelay.tls.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names and IP literals: syntax checks without DNS look-ups, subjectAltName extraction,
 * and the match of a host against a certificate's names (never its common name).
 */
final class HostNames {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final String LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)" + LABEL + "(\\." + LABEL + ")*");

    /** The subjectAltNames of one certificate that name hosts. */
    record SubjectAltNames(List<String> dnsNames, List<InetAddress> ipAddresses) {
        SubjectAltNames {
            dnsNames = List.copyOf(dnsNames);
            ipAddresses = List.copyOf(ipAddresses);
        }
    }

    private HostNames() {
    }

    /**
     * Reads the DNS and IP subjectAltNames of a certificate, in certificate order.
     *
     * @throws CertificateParsingException if the extension is malformed
     */
    static SubjectAltNames subjectAltNames(X509Certificate certificate) throws CertificateParsingException {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names != null) {
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                if (type == SAN_DNS) {
                    dns.add((String) name.get(1));
                } else if (type == SAN_IP) {
                    ipLiteral((String) name.get(1)).ifPresent(ips::add);
                }
            }
        }
        return new SubjectAltNames(dns, ips);
    }

    /**
     * Tells whether the names cover a host.
     *
     * @param names the certificate's names
     * @param host a DNS name or IP literal (IPv6 with or without brackets)
     * @param multiLabelWildcard whether {@code *.example.com} also matches {@code a.b.example.com}
     *        (the seed's rule for the relay's own name) or only one label (RFC 6125, used for
     *        verifying peers)
     */
    static boolean covers(SubjectAltNames names, String host, boolean multiLabelWildcard) {
        if (host == null || host.isBlank()) {
            return false;
        }
        Optional<InetAddress> ip = ipLiteral(host.trim());
        if (ip.isPresent()) {
            return names.ipAddresses().contains(ip.get());
        }
        String wanted = normalize(host);
        if (!isDnsName(wanted)) {
            return false;
        }
        for (String san : names.dnsNames()) {
            if (dnsMatches(normalize(san), wanted, multiLabelWildcard)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses an IPv4 or IPv6 literal without any DNS look-up.
     *
     * @return the address, or empty if the text is not an IP literal
     */
    static Optional<InetAddress> ipLiteral(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            if (IPV4.matcher(s).matches()) {
                String[] parts = s.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // Brackets make getByName parse an IPv6 literal or fail; it never looks the text up.
            return IPV6.matcher(s).matches() ? Optional.of(InetAddress.getByName("[" + s + "]")) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Tells whether the text is a syntactically valid DNS name (trailing dot allowed). */
    static boolean isDnsName(String text) {
        String s = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return DNS_NAME.matcher(s).matches() && ipLiteral(s).isEmpty();
    }

    private static boolean dnsMatches(String san, String host, boolean multiLabelWildcard) {
        if (!san.startsWith("*.")) {
            return san.equals(host);
        }
        String suffix = san.substring(1);
        if (suffix.length() < 2 || !host.endsWith(suffix) || host.length() == suffix.length()) {
            return false;
        }
        String prefix = host.substring(0, host.length() - suffix.length());
        return multiLabelWildcard || prefix.indexOf('.') < 0;
    }

    private static String normalize(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
