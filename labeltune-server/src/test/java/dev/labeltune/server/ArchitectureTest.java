package dev.labeltune.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import dev.labeltune.encoder.Encoder;
import dev.labeltune.testing.Architecture;
import org.junit.jupiter.api.Test;

/**
 * The rules every module keeps, and the service's layers: HTTP routes call services and speak the
 * API's records, never the store; services never know HTTP; the store knows only the domain values.
 * Only the encoding batcher runs the encoder, so every text the server encodes passes its queue.
 */
class ArchitectureTest extends Architecture {
  @Test
  void layersPointDownward() {
    layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.labeltune.server..")
        .layer("Server").definedBy("dev.labeltune.server")
        .layer("Http").definedBy("dev.labeltune.server.http..")
        .layer("Api").definedBy("dev.labeltune.server.api..")
        .layer("Service").definedBy("dev.labeltune.server.service..")
        .layer("Store").definedBy("dev.labeltune.server.store..")
        .layer("Domain").definedBy("dev.labeltune.server.domain..")
        .whereLayer("Server").mayNotBeAccessedByAnyLayer()
        .whereLayer("Http").mayOnlyBeAccessedByLayers("Server")
        .whereLayer("Api").mayOnlyBeAccessedByLayers("Http")
        .whereLayer("Service").mayOnlyBeAccessedByLayers("Http", "Server")
        .whereLayer("Store").mayOnlyBeAccessedByLayers("Service", "Server")
        .whereLayer("Domain").mayOnlyBeAccessedByLayers("Api", "Service", "Store", "Http", "Server")
        .check(classes);
  }

  @Test
  void onlyTheBatcherRunsTheEncoder() {
    noClasses().that().resideInAPackage("dev.labeltune.server..")
        .and().haveNameNotMatching("dev\\.labeltune\\.server\\.service\\.EncodingBatcher(\\$.*)?")
        .should().callMethodWhere(target(owner(assignableTo(Encoder.class)))
            .and(not(target(nameMatching("close|cacheHitRatio")))))
        .because("the batcher's queue is the one way to the encoder; the rest of the server gets EncodingBatcher.encoder()")
        .check(classes);
  }
}
