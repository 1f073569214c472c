package io.wahub.plugins.otp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time codes that are never stored. A verification keeps a random seed (128 bits from {@link SecureRandom});
 * its code is HMAC-SHA256(tenant key, seed) read as a number and reduced to the code's digits. So a resend
 * recomputes the same code, a check recomputes it and compares in constant time, and the verification's row alone
 * (a leaked export or backup of the table) reveals nothing about the code: that takes the tenant's key too.
 *
 * <p>The reduction takes the first 64 bits of the MAC modulo 10<sup>length</sup>: the bias this leaves is below
 * 2<sup>64</sup> mod 10<sup>10</sup> / 2<sup>64</sup> &lt; 10<sup>-9</sup>.
 */
final class OtpCodes {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HMAC = "HmacSHA256";

    private OtpCodes() {
    }

    /** A new random value of {@code bytes} bytes, Base64-encoded: a tenant key (32) or a verification seed (16). */
    static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    /** The code of a verification: {@code length} digits, zero-padded. */
    static String code(String key, String seed, int length) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), HMAC));
            long value = ByteBuffer.wrap(mac.doFinal(Base64.getDecoder().decode(seed))).getLong();
            long modulus = (long) Math.pow(10, length);
            return String.format("%0" + length + "d", Long.remainderUnsigned(value, modulus));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code given} is the verification's code; takes as long whether or not, and whatever matches. */
    static boolean matches(String key, String seed, int length, String given) {
        byte[] expected = code(key, seed, length).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
    }
}
