package dev.labeltune.torch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import dev.labeltune.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The layering rules of every LabelTune package on this module's class path, over the whole class graph. */
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
}
