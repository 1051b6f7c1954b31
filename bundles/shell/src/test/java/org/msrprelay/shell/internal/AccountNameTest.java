package org.msrprelay.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountNameTest {

    @Test
    void splitsUserAndDomainAtTheAt() {
        AccountName name = AccountName.parse("alice@example.com");
        assertEquals("alice", name.user());
        assertEquals("example.com", name.domain());
        assertEquals("alice@example.com", name.toString());
    }

    @Test
    void keepsCaseAndPunctuationForTheBackendToJudge() {
        AccountName name = AccountName.parse("Bob.Smith+msrp@Sub.Example.ORG");
        assertEquals("Bob.Smith+msrp", name.user());
        assertEquals("Sub.Example.ORG", name.domain());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "alice", "@example.com", "alice@", "@", "a@b@c", "alice @example.com",
        "alice@example.com ", "alice@exa\tmple.com", "alice@example\u0000.com"})
    void rejectsMalformedAccounts(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountName.parse(text));
        assertEquals("malformed account: expected USER@DOMAIN with one '@' and no whitespace, e.g. alice@example.com",
                e.getMessage());
    }

    @Test
    void neverRepeatsTheRejectedTextWhichMayBeAPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountName.parse("s3cret!"));
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
