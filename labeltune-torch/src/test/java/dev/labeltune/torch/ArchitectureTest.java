package dev.labeltune.torch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import dev.labeltune.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of every LabelTune package on this module's class path, over the whole class graph,
 * and the module's rooms: each method on the shared network, none on another but SetFit on fine-tuning.
 */
class ArchitectureTest extends Architecture {

  @Test
  void arithmeticWithNumbersGoesThroughTensorsConstant() {
    DescribedPredicate<JavaMethodCall> numberOverload = DescribedPredicate.describe(
        "an NDArray method that takes a Number", call -> call.getTargetOwner().isAssignableTo(NDArray.class)
            && call.getTarget().getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(Number.class)));
    noClasses().should().callMethodWhere(numberOverload)
        .because("DJL wraps the number in Java memory that autograd still reads after the collector frees it; "
            + "Tensors.constant makes a tensor PyTorch owns")
        .check(classes);
  }

  @Test
  void methodsStandOnTheSharedNetworkAndNotOnEachOther() {
    layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.labeltune.torch..")
        .layer("SetFit").definedBy("dev.labeltune.torch.setfit..")
        .layer("FineTuning").definedBy("dev.labeltune.torch.finetune..")
        .layer("YTuning").definedBy("dev.labeltune.torch.ytuning..")
        .layer("Network").definedBy("dev.labeltune.torch.network..")
        .layer("Onnx").definedBy("dev.labeltune.torch.onnx..")
        .whereLayer("SetFit").mayNotBeAccessedByAnyLayer()
        .whereLayer("YTuning").mayNotBeAccessedByAnyLayer()
        .whereLayer("FineTuning").mayOnlyBeAccessedByLayers("SetFit")
        .whereLayer("Network").mayOnlyBeAccessedByLayers("SetFit", "FineTuning", "YTuning")
        .whereLayer("Onnx").mayOnlyBeAccessedByLayers("Network")
        .check(classes);
  }
}
