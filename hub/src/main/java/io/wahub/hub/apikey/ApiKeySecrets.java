package io.wahub.hub.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key format: {@code whk_live_} + 40 base62 characters (238 bits of randomness). The first 6 random characters
 * after the marker form the readable prefix; the whole secret is stored only as a SHA-256 hex digest (the secret
 * is random and long, so a slow KDF adds nothing but latency).
 */
public final class ApiKeySecrets {

    public static final String MARKER = "whk_live_";
    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String generate() {
        return MARKER + random(40);
    }

    public static String random(int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return secret.toString();
    }

    public static String prefix(String secret) {
        return secret.substring(0, Math.min(secret.length(), MARKER.length() + 6));
    }

    public static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
