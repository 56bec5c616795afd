package ai.monzie.testing;

import io.quarkus.test.common.QuarkusTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Attaches a real PostgreSQL server and a real Kafka broker to a {@code @QuarkusTest}: started once
 * per test JVM, each service with its own database, a development signing key for tokens.
 */
@QuarkusTestResource(value = MonzieInfraResource.class, restrictToAnnotatedClass = false)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithMonzieInfra {
  /** The service's database, e.g. {@code catalog}. */
  String database();
}
