package dev.labeltune.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering rules every module keeps, checked with ArchUnit over the whole class graph of
 * LabelTune's main classes on the module's class path: no package depends on itself through others,
 * only the encoder package touches ONNX Runtime and the tokenizers, and only the torch module touches
 * DJL's engine. Each module's {@code ArchitectureTest} extends this and adds its own rules.
 */
public abstract class Architecture {
  /** The main (not test) classes of LabelTune on this class path, read once per test class. */
  protected final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.labeltune");

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("dev.labeltune.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void nativeLibrariesStayBehindTheirPackages() {
    noClasses().that().resideOutsideOfPackage("dev.labeltune.encoder..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.onnxruntime..", "ai.djl.huggingface..")
        .because("only the encoder package talks to ONNX Runtime and the tokenizers")
        .allowEmptyShould(true).check(classes);
    noClasses().that().resideOutsideOfPackage("dev.labeltune.torch..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl.engine..", "ai.djl.ndarray..", "ai.djl.nn..",
            "ai.djl.training..", "ai.djl.pytorch..")
        .because("only labeltune-torch back-propagates through a network")
        .allowEmptyShould(true).check(classes);
  }
}
