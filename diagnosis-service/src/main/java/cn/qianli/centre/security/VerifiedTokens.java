package cn.qianli.centre.security;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A decoder that checks each distinct token's signature once: a token string seen before, whose
 * signature was verified then, is only validated again (expiry, issuer, audience) with the same
 * validator, so a token that has expired since is refused as before. A gateway sends one token
 * with every request until it renews it; parsing and verifying it each time cost more than the
 * rest of the security checks.
 */
final class VerifiedTokens implements JwtDecoder {

    /** Tokens kept at most; when full, the set starts over. */
    static final int MAX_TOKENS = 2_000;

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    /** {@code decoder} verifies and validates with {@code validator}. */
    VerifiedTokens(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        this.decoder = decoder;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null) {
            OAuth2TokenValidatorResult result = validator.validate(known);
            if (!result.hasErrors()) {
                return known;
            }
            verified.remove(token);
            throw new JwtValidationException("the token is no longer valid", result.getErrors());
        }
        Jwt jwt = decoder.decode(token);
        if (verified.size() >= MAX_TOKENS) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
