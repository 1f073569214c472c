package io.wahub.plugins.otp;

import io.wahub.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The panel's form that sends a code ({@code POST /verifications}): the number and the purpose. */
public record NewVerification(
        @Setting(label = "Number", help = "E.164, for example +4915112345678") @NotBlank @Size(max = 20) String to,
        @Setting(label = "Purpose", help = "One of the purposes in the settings (signup, login, reset by default)",
                defaultValue = "login") @NotBlank @Size(max = 40) String purpose) {
}
