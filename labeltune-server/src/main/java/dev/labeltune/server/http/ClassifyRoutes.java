package dev.labeltune.server.http;

import dev.labeltune.server.api.ClassifyRequest;
import dev.labeltune.server.api.ClassifyTasksRequest;
import dev.labeltune.server.api.PredictionResponse;
import dev.labeltune.server.api.Predictions;
import dev.labeltune.server.api.TaskPredictions;
import dev.labeltune.server.domain.ServiceException;
import dev.labeltune.server.domain.ServiceException.Kind;
import dev.labeltune.server.service.ClassificationService;
import dev.labeltune.server.service.ClassificationService.Classified;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Classification with one task, or with several on one encoding of each text. */
final class ClassifyRoutes {
  private ClassifyRoutes() {}

  static void register(Route.Table routes, Supplier<ClassificationService> classifier, int maxTexts) {
    routes.add("POST", "/v1/tasks/{id}/classify", "Classify texts with one task", ClassifyRequest.class,
        Predictions.class, "200 400 401 404 409 413 422 429", call -> {
          ClassifyRequest r = call.body(ClassifyRequest.class);
          Classified result = classifier.get().classify(call.tenant(), List.of(call.path("id")),
              limited(r.texts(), maxTexts), r.topK(), r.thresholdOrNaN()).get(0);
          return new Predictions(PredictionResponse.of(result.predictions(), result.multiLabel()));
        });
    routes.add("POST", "/v1/classify", "Classify texts with several tasks, encoding each text once",
        ClassifyTasksRequest.class, TaskPredictions.class, "200 400 401 404 409 413 422 429", call -> {
          ClassifyTasksRequest r = call.body(ClassifyTasksRequest.class);
          List<Classified> results = classifier.get().classify(call.tenant(), r.tasks(), limited(r.texts(), maxTexts),
              r.topK(), r.thresholdOrNaN());
          Map<String, List<PredictionResponse>> byTask = new LinkedHashMap<>();
          for (int t = 0; t < r.tasks().size(); t++) {
            byTask.put(r.tasks().get(t), PredictionResponse.of(results.get(t).predictions(),
                results.get(t).multiLabel()));
          }
          return new TaskPredictions(byTask);
        });
  }

  private static List<String> limited(List<String> texts, int max) {
    if (texts.size() > max) {
      throw ServiceException.of(Kind.TOO_LARGE, "'texts' has " + texts.size() + " entries; the limit is " + max);
    }
    return texts;
  }
}
