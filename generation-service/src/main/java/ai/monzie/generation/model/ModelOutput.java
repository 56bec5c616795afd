package ai.monzie.generation.model;

/** A generated image as PNG bytes, with its size and the seed the provider used. */
public record ModelOutput(byte[] png, int width, int height, Integer seed) {}
