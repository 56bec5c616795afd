package ai.monzie.generation.model;

/**
 * A model call: the rendered prompt and the parameters stored with the job, so that an image can be
 * regenerated exactly. {@code inputImage} is the user's photo (PHOTO_EDIT) or the image to enhance
 * (ENHANCE), else null.
 */
public record ModelInput(
    ImageModel.Task task,
    String model,
    String prompt,
    String negativePrompt,
    String imageSize,
    String aspectRatio,
    int seed,
    byte[] inputImage,
    String inputContentType) {}
