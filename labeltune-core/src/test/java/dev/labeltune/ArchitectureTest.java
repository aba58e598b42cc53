package dev.labeltune;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.labeltune.testing.Architecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Core's layering: the rules every module keeps, and lower packages below higher ones. */
class ArchitectureTest extends Architecture {
  @ParameterizedTest
  @CsvSource({"tuning, eval", "metrics, eval", "metrics, tuning", "math, eval", "encoder, eval", "head, eval",
      "data, classify", "data, head", "math, encoder", "classify, head", "encoder, tuning"})
  void lowerPackageDoesNotDependOnHigher(String lower, String higher) {
    noClasses().that().resideInAPackage("dev.labeltune." + lower + "..")
        .should().dependOnClassesThat().resideInAPackage("dev.labeltune." + higher + "..")
        .check(classes);
  }
}
