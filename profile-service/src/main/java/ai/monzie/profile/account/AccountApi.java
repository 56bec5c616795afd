package ai.monzie.profile.account;

/**
 * The names of the answers the sign-in routes share, declared once in this package's {@code
 * OpenAPIDefinition} (package-info).
 */
final class AccountApi {
  private AccountApi() {}

  /** 200: tokens for an account that existed. */
  static final String SIGNED_IN = "SignedIn";

  /** 201: tokens for an account made by this call. */
  static final String CREATED = "AccountCreated";

  /** 401: Apple's or Google's ID token failed a check. */
  static final String ID_TOKEN_INVALID = "IdTokenInvalid";

  /** 409: a provider sign-in would take over a password account it has not proven to own. */
  static final String EMAIL_NOT_VERIFIED_BY_PROVIDER = "EmailNotVerifiedByProvider";
}
