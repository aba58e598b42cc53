package dev.labeltune.spark;

import dev.labeltune.InferenceException;
import dev.labeltune.data.Texts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Streams a partition through a {@link BatchFunction} in batches of rows, keeping each row's columns
 * and appending the outputs and an error column. A row whose text is null, blank or fails on its
 * own (an invalid text, a non-finite score) gets null outputs and the reason; every other row is
 * processed, so bad rows never fail a job.
 */
final class PartitionMapper implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final BatchFunction function;
  private final int textIndex;
  private final int batchSize;
  private final int outputs;

  /**
   * @param function the computation
   * @param textIndex the text column's index in the input rows
   * @param batchSize rows handed to the function at a time (the encoder sorts each batch by length)
   * @param outputs number of output columns the function fills
   */
  PartitionMapper(BatchFunction function, int textIndex, int batchSize, int outputs) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, found " + batchSize);
    }
    this.function = function;
    this.textIndex = textIndex;
    this.batchSize = batchSize;
    this.outputs = outputs;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Iterator<>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        if (ready.isEmpty() && rows.hasNext()) {
          List<Row> batch = new ArrayList<>(batchSize);
          while (batch.size() < batchSize && rows.hasNext()) {
            batch.add(rows.next());
          }
          ready.addAll(process(batch));
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  List<Row> process(List<Row> batch) {
    Object[][] values = new Object[batch.size()][];
    String[] errors = new String[batch.size()];
    List<String> texts = new ArrayList<>(batch.size());
    List<Integer> positions = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Object text = batch.get(i).get(textIndex);
      if (text == null) {
        errors[i] = "text is null";
      } else if (!Texts.hasVisibleContent((String) text)) {
        errors[i] = "text is empty or blank";
      } else {
        texts.add((String) text);
        positions.add(i);
      }
    }
    if (!texts.isEmpty()) {
      Object[][] computed;
      try {
        computed = function.apply(texts);
      } catch (RuntimeException batchFailure) {
        computed = new Object[texts.size()][];
        for (int j = 0; j < texts.size(); j++) {
          try {
            computed[j] = function.apply(List.of(texts.get(j)))[0];
          } catch (IllegalArgumentException | InferenceException e) {
            // What one text can cause; anything else (a closed or missing model) fails the task,
            // so Spark retries it instead of writing rows that only say the executor was broken.
            errors[positions.get(j)] = e.getClass().getSimpleName() + ": " + e.getMessage();
          }
        }
      }
      for (int j = 0; j < texts.size(); j++) {
        values[positions.get(j)] = computed[j];
      }
    }
    List<Row> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      Object[] fields = new Object[row.length() + outputs + 1];
      for (int c = 0; c < row.length(); c++) {
        fields[c] = row.get(c);
      }
      if (values[i] != null) {
        System.arraycopy(values[i], 0, fields, row.length(), outputs);
      }
      fields[fields.length - 1] = errors[i];
      out.add(RowFactory.create(fields));
    }
    return out;
  }
}
