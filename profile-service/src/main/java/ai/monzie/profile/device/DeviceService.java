package ai.monzie.profile.device;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import ai.monzie.profile.profile.ProfileService;
import ai.monzie.profile.push.PushConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeviceService {

  public static final ProblemType DEVICE_NOT_FOUND =
      new ProblemType("device-not-found", "Device not found", 404);

  private final Pool pool;
  private final DeviceRepository devices;
  private final PushConfig config;

  DeviceService(Pool pool, DeviceRepository devices, PushConfig config) {
    this.pool = pool;
    this.devices = devices;
    this.config = config;
  }

  /**
   * Registers (or re-registers) the token to the user; idempotent. A user keeps at most {@code
   * monzie.push.max-devices-per-user}: the least recently registered beyond that are forgotten.
   */
  public Uni<Device> register(UUID user, String token, DeviceRegistration registration) {
    PushTokens.check(token, registration.provider());
    return pool.withTransaction(
        tx ->
            devices
                .lockOwner(tx, user)
                .flatMap(
                    exists -> {
                      if (!exists) {
                        return Uni.createFrom()
                            .failure(
                                new ProblemException(
                                    ProfileService.PROFILE_NOT_FOUND, "No account " + user + "."));
                      }
                      return devices.upsert(
                          tx, user, token, registration.platform(), registration.provider());
                    })
                .call(() -> devices.keepNewest(tx, user, config.maxDevicesPerUser())));
  }

  /** Unregisters one of the user's own tokens; another user's token is not found (404). */
  public Uni<Void> unregister(UUID user, String token) {
    return devices
        .delete(pool, user, token)
        .map(
            deleted -> {
              if (!deleted) {
                throw new ProblemException(DEVICE_NOT_FOUND, "No such device of yours.");
              }
              return null;
            });
  }

  public Uni<List<Device>> list(UUID user) {
    return devices.list(pool, user);
  }
}
