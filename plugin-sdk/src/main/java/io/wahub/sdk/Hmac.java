package io.wahub.sdk;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC primitives for webhook signature checks. Each vendor encodes and frames its signature differently; these
 * are the shared parts: compute over raw bytes, compare in constant time.
 */
public final class Hmac {

    private Hmac() {
    }

    /** HMAC-SHA256 of {@code data} keyed with the UTF-8 bytes of {@code secret}. */
    public static byte[] sha256(String secret, byte[] data) {
        return compute("HmacSHA256", secret, data);
    }

    /** HMAC-SHA512 of {@code data} keyed with the UTF-8 bytes of {@code secret}. */
    public static byte[] sha512(String secret, byte[] data) {
        return compute("HmacSHA512", secret, data);
    }

    public static String base64(byte[] mac) {
        return Base64.getEncoder().encodeToString(mac);
    }

    public static String hex(byte[] mac) {
        return HexFormat.of().formatHex(mac);
    }

    /** Constant-time comparison of an expected and a provided signature text; {@code false} if either is null. */
    public static boolean matches(String expected, String provided) {
        if (expected == null || provided == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                provided.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] compute(String algorithm, String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
