package org.msrprelay.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void acceptsAGivenPassword() {
        assertEquals("pa ss", Passwords.given("pa ss"));
    }

    @Test
    void rejectsAnEmptyPassword() {
        assertEquals("the password must not be empty",
                assertThrows(IllegalArgumentException.class, () -> Passwords.given("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Passwords.confirmed("", ""));
    }

    @Test
    void acceptsAPromptedPasswordTypedTwice() {
        assertEquals("secret", Passwords.confirmed("secret", "secret"));
    }

    @Test
    void rejectsPromptedPasswordsThatDifferWithoutShowingThem() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Passwords.confirmed("secret", "secert"));
        assertEquals("the passwords do not match", e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void rejectsEndOfInputAtThePrompt() {
        assertEquals("no password given",
                assertThrows(IllegalArgumentException.class, () -> Passwords.confirmed(null, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Passwords.confirmed("secret", null));
    }
}
