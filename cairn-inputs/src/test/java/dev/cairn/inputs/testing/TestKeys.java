package dev.cairn.inputs.testing;

import java.time.Duration;
import java.time.Instant;

/** The keys the tests share, made once per test run (RSA key generation takes a moment). */
public final class TestKeys {
    /** Signs with a subkey, as Debian's archive keys do. */
    public static final TestKey ARCHIVE = TestKey.generate("cairn test archive <archive@127.0.0.1>",
            Instant.parse("2024-01-01T00:00:00Z"), Duration.ofDays(3650), true);
    /** A key no test keyring trusts. */
    public static final TestKey STRANGER = TestKey.generate("stranger <stranger@127.0.0.1>",
            Instant.parse("2024-01-01T00:00:00Z"), null, false);
    /** Valid during 2020 only. */
    public static final TestKey RETIRED = TestKey.generate("retired key <retired@127.0.0.1>",
            Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(365), true);

    private TestKeys() {}
}
