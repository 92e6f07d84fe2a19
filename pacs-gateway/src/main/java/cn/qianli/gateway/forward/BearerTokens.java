package cn.qianli.gateway.forward;

import java.io.IOException;
import java.util.Optional;

/** Where the forwarder gets its access token; empty when the centre needs none. */
public interface BearerTokens {

    BearerTokens NONE = new BearerTokens() {
        @Override
        public Optional<String> current() {
            return Optional.empty();
        }

        @Override
        public void invalidate() {
        }
    };

    /** A token valid for at least a little while, fetched or refreshed as needed. */
    Optional<String> current() throws IOException;

    /** The centre said 401: fetch a new token next time. */
    void invalidate();
}
