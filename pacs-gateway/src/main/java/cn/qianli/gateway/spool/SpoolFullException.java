package cn.qianli.gateway.spool;

import java.io.IOException;

/** Storing would eat into the configured free-space reserve (DIMSE 0xA700 Out of Resources). */
public final class SpoolFullException extends IOException {

    public SpoolFullException(String message) {
        super(message);
    }
}
