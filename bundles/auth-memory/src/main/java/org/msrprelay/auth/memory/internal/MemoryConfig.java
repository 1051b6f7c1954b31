package org.msrprelay.auth.memory.internal;

import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The memory backend has no fixed keys: every property named {@code user@domain} is an account.
 * The description is what {@code config:edit} and the web console show.
 */
@ObjectClassDefinition(
        name = "MSRPRelay memory credential backend",
        description = "Accounts for MSRP AUTH. Every property whose key has the form user@domain is an account and "
                + "its value is the cleartext password, e.g. alice@example.com = 1234. User names are case-sensitive, "
                + "domains are not; '-' and '.' are fine in both. Other keys are ignored. Changes apply to the next "
                + "AUTH; msrp:user-add and msrp:user-remove edit this configuration.")
public @interface MemoryConfig {
}
