package dev.labeltune.eval;

import dev.labeltune.data.DataFormatException;
import dev.labeltune.data.DataReader;
import dev.labeltune.data.LabeledText;
import dev.labeltune.data.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A benchmark dataset directory: {@code train.jsonl} (the pool few-shot examples are drawn from),
 * {@code test.jsonl} (evaluated whole) and an optional {@code task.json}.
 *
 * @param name the directory's name
 * @param train labeled pool
 * @param test labeled test split
 * @param spec the task's wording, empty when there is no task.json
 * @since 0.1
 */
public record EvalDataset(String name, List<LabeledText> train, List<LabeledText> test, TaskSpec spec) {

  /** Validates and copies. */
  public EvalDataset {
    Objects.requireNonNull(name, "name");
    train = List.copyOf(train);
    test = List.copyOf(test);
    Objects.requireNonNull(spec, "spec");
  }

  /**
   * @param dir the dataset directory
   * @return the dataset
   * @throws IOException if a file cannot be read or is missing
   * @throws DataFormatException if a line is malformed or a split is unlabeled
   */
  public static EvalDataset load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "not a dataset directory");
    }
    DataReader reader = DataReader.defaults();
    List<LabeledText> train = requireLabels(reader.read(dir.resolve("train.jsonl")), dir.resolve("train.jsonl"));
    List<LabeledText> test = requireLabels(reader.read(dir.resolve("test.jsonl")), dir.resolve("test.jsonl"));
    Path task = dir.resolve("task.json");
    TaskSpec spec = Files.exists(task) ? TaskSpec.read(task) : TaskSpec.empty();
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    return new EvalDataset(fileName == null ? dir.toString() : fileName.toString(), train, test, spec);
  }

  private static List<LabeledText> requireLabels(List<LabeledText> rows, Path file) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).labels().isEmpty()) {
        throw new DataFormatException(file.toString(), 0,
            "example " + (i + 1) + " has no label; evaluation needs labeled data");
      }
    }
    if (rows.isEmpty()) {
      throw new DataFormatException(file.toString(), 0, "no examples");
    }
    return rows;
  }

  /** @return the distinct labels of the train split, sorted */
  public List<String> labels() {
    TreeSet<String> labels = new TreeSet<>();
    train.forEach(t -> labels.addAll(t.labels()));
    return List.copyOf(labels);
  }

  /** @return whether any example carries more than one label */
  public boolean multiLabel() {
    return train.stream().anyMatch(t -> t.labels().size() > 1) || test.stream().anyMatch(t -> t.labels().size() > 1);
  }
}
