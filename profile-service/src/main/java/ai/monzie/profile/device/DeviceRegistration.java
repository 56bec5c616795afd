package ai.monzie.profile.device;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /v1/devices/{token}}; the token's format is checked against provider. */
public record DeviceRegistration(
    @Schema(
            required = true,
            enumeration = {"ios", "android"})
        @NotNull(message = "required")
        @Pattern(regexp = "ios|android", message = "must be ios or android")
        String platform,
    @Schema(
            required = true,
            enumeration = {"expo", "fcm"},
            description = "expo: an Expo push token (ExponentPushToken[...]); fcm: an FCM token")
        @NotNull(message = "required")
        @Pattern(regexp = "expo|fcm", message = "must be expo or fcm")
        String provider) {}
