package org.msrprelay.codec;

/** Values of Success-Report and Failure-Report (RFC 4975 sections 7.1.2, 7.1.3). */
public enum ReportRequest {
    YES, NO, PARTIAL;

    /** Parses a Failure-Report value; {@code partial} is only valid there. */
    public static ReportRequest parseFailure(String value) throws MsrpSyntaxException {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "yes": return YES;
            case "no": return NO;
            case "partial": return PARTIAL;
            default: throw new MsrpSyntaxException("bad Failure-Report: " + value);
        }
    }

    /** Parses a Success-Report value. */
    public static ReportRequest parseSuccess(String value) throws MsrpSyntaxException {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "yes": return YES;
            case "no": return NO;
            default: throw new MsrpSyntaxException("bad Success-Report: " + value);
        }
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
