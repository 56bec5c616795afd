package ai.monzie.generation.model;

/**
 * A request a queued provider accepted: its id (what its webhook names) and where to ask for its
 * status, fetch its result and cancel it.
 */
public record ProviderRequest(
    String requestId, String statusUrl, String responseUrl, String cancelUrl) {}
