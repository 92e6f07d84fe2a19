package cn.qianli.gateway.forward;

import java.time.LocalTime;

/** The local time window in which bulk (non-urgent) instances may be sent; urgent ones go always. */
record BulkWindow(LocalTime from, LocalTime to) {

    static final BulkWindow ALWAYS = new BulkWindow(LocalTime.MIN, LocalTime.MIN);

    /** Parses {@code HH:mm-HH:mm} (may wrap past midnight); empty means always. */
    static BulkWindow parse(String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        String[] parts = text.strip().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("bulk window must be HH:mm-HH:mm, not " + text);
        }
        return new BulkWindow(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
    }

    boolean isOpen(LocalTime now) {
        if (from.equals(to)) {
            return true;
        }
        return from.isBefore(to)
                ? !now.isBefore(from) && now.isBefore(to)
                : !now.isBefore(from) || now.isBefore(to);
    }
}
