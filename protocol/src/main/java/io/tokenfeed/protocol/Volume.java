package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * Traded volume of a token as decimal strings ({@link DecimalString}); validity is checked by the receiver, not
 * by this record.
 *
 * @param h24 volume over the last 24 hours
 * @param h1 volume over the last hour
 * @param m5 volume over the last 5 minutes
 */
public record Volume(String h24, String h1, String m5) {
    /** Fails fast on null required fields: where the record is built, not later in an encoder on another thread. */
    public Volume {
        Objects.requireNonNull(h24, "h24");
        Objects.requireNonNull(h1, "h1");
        Objects.requireNonNull(m5, "m5");
    }
}
