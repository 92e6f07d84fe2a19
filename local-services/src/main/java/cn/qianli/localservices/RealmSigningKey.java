package cn.qianli.localservices;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An RS256 key made for one Keycloak start and imported into the realm as a key provider, so that
 * tests can sign tokens Keycloak would have signed (an expired one, say) with a key the realm
 * publishes in its JWKS.
 */
final class RealmSigningKey {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final KeyPair keyPair;

    private RealmSigningKey(KeyPair keyPair) {
        this.keyPair = keyPair;
    }

    static RealmSigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new RealmSigningKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    /** Adds this key to the realm representation as an imported {@code rsa} key provider. */
    void addTo(ObjectNode realm) {
        ObjectNode components = realm.get("components") instanceof ObjectNode existing
                ? existing : realm.putObject("components");
        ArrayNode providers = components.get("org.keycloak.keys.KeyProvider") instanceof ArrayNode existing
                ? existing : components.putArray("org.keycloak.keys.KeyProvider");
        ObjectNode provider = providers.addObject();
        provider.put("name", "qianli-local-rs256");
        provider.put("providerId", "rsa");
        provider.putObject("subComponents");
        ObjectNode config = provider.putObject("config");
        config.putArray("priority").add("100");
        config.putArray("enabled").add("true");
        config.putArray("active").add("true");
        config.putArray("algorithm").add("RS256");
        config.putArray("privateKey").add(Base64.getEncoder().encodeToString(keyPair.getPrivate().getEncoded()));
    }

    /** The {@code kid} the realm published for this key in {@code jwks}, matched by modulus. */
    String keyIdIn(JsonNode jwks) {
        BigInteger modulus = ((RSAPublicKey) keyPair.getPublic()).getModulus();
        for (JsonNode key : jwks.path("keys")) {
            if ("RSA".equals(key.path("kty").asString()) && key.hasNonNull("n")
                    && new BigInteger(1, URL_DECODER.decode(key.get("n").asString())).equals(modulus)) {
                return key.path("kid").asString();
            }
        }
        throw new IllegalStateException("the realm does not publish the imported signing key");
    }

    /** A compact JWS (RS256) of {@code claims} under {@code kid}. */
    String sign(ObjectMapper json, String kid, ObjectNode claims) {
        ObjectNode header = json.createObjectNode();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", kid);
        String signingInput = URL.encodeToString(json.writeValueAsBytes(header)) + "."
                + URL.encodeToString(json.writeValueAsBytes(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keyPair.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /** The claims of a compact JWS, unverified. */
    static ObjectNode claimsOf(ObjectMapper json, String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        return (ObjectNode) json.readTree(URL_DECODER.decode(parts[1]));
    }
}
