package ai.monzie.generation.upload;

/** {@code 201} of an upload: the signed URL to pass as original_photo_url (or avatar_url). */
public record Uploaded(String url, String purpose, String contentType, int width, int height) {}
