package io.tokenfeed.protocol;

import java.util.Objects;

/**
 * The state of one token: {@code data} of {@code token_update} and each entry of {@code token_batch}
 * (protocol.md §3). Address and decimal validity are checked by the receiver, not by this record.
 *
 * @param address token address as sent (canonical form on server messages)
 * @param price decimal string
 * @param marketCap decimal string
 * @param volume traded volume
 * @param updatedAt source time of this state in epoch milliseconds; {@code -1} when absent (publishers may omit it)
 * @param version per-token, strictly increasing version; {@code -1} when absent (publishers may omit it)
 * @param snapshot true when sent because of a (re)subscribe or resume fallback; written only when true
 * @param replayed true when re-sent by a resume; written only when true
 */
public record TokenData(String address, String price, String marketCap, Volume volume, long updatedAt, long version,
                        boolean snapshot, boolean replayed) {
    /** Fails fast on null required fields: where the record is built, not later in an encoder on another thread. */
    public TokenData {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(marketCap, "marketCap");
        Objects.requireNonNull(volume, "volume");
    }

    /**
     * @param snapshotFlag new value of {@code snapshot}
     * @return a copy with {@code snapshot} replaced
     */
    public TokenData withSnapshot(boolean snapshotFlag) {
        return new TokenData(address, price, marketCap, volume, updatedAt, version, snapshotFlag, replayed);
    }

    /**
     * @param replayedFlag new value of {@code replayed}
     * @return a copy with {@code replayed} replaced
     */
    public TokenData withReplayed(boolean replayedFlag) {
        return new TokenData(address, price, marketCap, volume, updatedAt, version, snapshot, replayedFlag);
    }
}
