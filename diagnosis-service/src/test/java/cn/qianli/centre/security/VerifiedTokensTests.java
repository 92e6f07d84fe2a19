package cn.qianli.centre.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTests {

    private final AtomicInteger decoded = new AtomicInteger();
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(ISSUED);

    /** Expiry as the real validator checks it, against a clock the test moves. */
    private final OAuth2TokenValidator<Jwt> notExpired = jwt -> jwt.getExpiresAt().isAfter(now.get())
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null));

    /**
     * Verifies "good-*" tokens, all issued at ISSUED for 300 s (each decode counted); any other
     * token has a bad signature.
     */
    private final JwtDecoder verifying = token -> {
        decoded.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("signature does not match");
        }
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(ISSUED).expiresAt(ISSUED.plusSeconds(300)).build();
        OAuth2TokenValidatorResult r = notExpired.validate(jwt);
        if (r.hasErrors()) {
            throw new JwtValidationException("invalid", r.getErrors());
        }
        return jwt;
    };

    private final VerifiedTokens tokens = new VerifiedTokens(verifying, notExpired);

    @Test
    void verifiesATokenOnceAndThenOnlyValidatesIt() {
        Jwt first = tokens.decode("good-a");
        assertThat(tokens.decode("good-a")).isSameAs(first);
        assertThat(tokens.decode("good-a").getSubject()).isEqualTo("good-a");
        assertThat(decoded).hasValue(1);
        tokens.decode("good-b");
        assertThat(decoded).hasValue(2);
    }

    @Test
    void refusesAKnownTokenOnceItHasExpired() {
        tokens.decode("good-a");
        now.set(now.get().plusSeconds(301));
        assertThatThrownBy(() -> tokens.decode("good-a")).isInstanceOf(JwtValidationException.class);
        // forgotten, so the next use is verified afresh (and refused there too)
        assertThatThrownBy(() -> tokens.decode("good-a")).isInstanceOf(JwtValidationException.class);
        assertThat(decoded).hasValue(2);
    }

    @Test
    void neverKeepsATokenThatFailedVerification() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(decoded).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void keepsAtMostItsLimit() {
        for (int i = 0; i <= VerifiedTokens.MAX_TOKENS + 10; i++) {
            tokens.decode("good-" + i);
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_TOKENS);
    }
}
