package org.msrprelay.codec;

/**
 * One header line other than To-Path and From-Path, kept as received: the name with its case,
 * the value after the separator (bytes mapped one to one onto chars, ISO-8859-1), so that a relay
 * passes unknown headers through unchanged (RFC 4976 section 7.1).
 */
public record Header(String name, String value) {
    /** Case-insensitive name comparison (RFC 4975 section 9: header names are case-insensitive). */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
