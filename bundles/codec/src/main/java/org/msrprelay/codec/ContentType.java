package org.msrprelay.codec;

import java.util.Locale;

/** A Content-Type value (RFC 4975 section 9): {@code type "/" subtype *(";" parameter)}. */
public record ContentType(String type, String subtype, String parameters) {
    public static ContentType parse(String value) throws MsrpSyntaxException {
        String v = value.trim();
        int semi = v.indexOf(';');
        String media = (semi < 0 ? v : v.substring(0, semi)).trim();
        int slash = media.indexOf('/');
        if (slash <= 0 || !Grammar.isToken(media.substring(0, slash)) || !Grammar.isToken(media.substring(slash + 1))) {
            throw new MsrpSyntaxException("bad Content-Type: " + value);
        }
        return new ContentType(media.substring(0, slash).toLowerCase(Locale.ROOT),
                media.substring(slash + 1).toLowerCase(Locale.ROOT), semi < 0 ? "" : v.substring(semi + 1).trim());
    }

    public String mediaType() {
        return type + "/" + subtype;
    }
}
