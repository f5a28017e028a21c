package io.tokenfeed.protocol;

/**
 * {@code data.action} of a {@code subscription} request and response.
 */
public enum SubscriptionAction {
    /** Add the tokens; re-subscribing is idempotent and triggers a snapshot. */
    SUBSCRIBE("subscribe"),
    /** Remove the tokens. */
    UNSUBSCRIBE("unsubscribe");

    private final String wireName;

    SubscriptionAction(String wireName) {
        this.wireName = wireName;
    }

    /**
     * @return the value on the wire
     */
    public String wireName() {
        return wireName;
    }

    /**
     * @param wireName value read from the wire, may be null
     * @return the action, or null when unknown
     */
    public static SubscriptionAction fromWireName(String wireName) {
        if ("subscribe".equals(wireName)) {
            return SUBSCRIBE;
        }
        if ("unsubscribe".equals(wireName)) {
            return UNSUBSCRIBE;
        }
        return null;
    }
}
