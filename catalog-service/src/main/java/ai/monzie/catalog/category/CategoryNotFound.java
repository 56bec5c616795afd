package ai.monzie.catalog.category;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;

public class CategoryNotFound extends ProblemException {
  public static final ProblemType TYPE =
      new ProblemType("category-not-found", "Category not found", 404);

  public CategoryNotFound(String id) {
    super(TYPE, "No category with id " + id + ".");
  }
}
