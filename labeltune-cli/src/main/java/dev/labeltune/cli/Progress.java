package dev.labeltune.cli;

import dev.labeltune.bench.Steps;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on standard error: a bar on a terminal; when standard error is a pipe or a log, a line
 * at the start, one every few seconds and one at the end, so long runs never look hung; nothing
 * with {@code --quiet}.
 */
final class Progress implements Steps {
  private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;
  /** Set from {@code --quiet} for the whole command. */
  static volatile boolean quiet;

  private final ProgressBar bar;
  private final PrintStream lines;
  private final String task;
  private final long started = System.nanoTime();
  private long total;
  private long done;
  private long lastLine;
  private String extra = "";

  private Progress(ProgressBar bar, PrintStream lines, String task, long total) {
    this.bar = bar;
    this.lines = lines;
    this.task = task;
    this.total = total;
    if (lines != null) {
      line("started");
    }
  }

  static Progress start(String task, long total) {
    if (quiet) {
      return new Progress(null, null, task, total);
    }
    if (System.console() == null) {
      return new Progress(null, System.err, task, total);
    }
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(250).continuousUpdate().build(), null, task, total);
  }

  @Override
  public void stepTo(long n) {
    done = n;
    if (bar != null) {
      bar.stepTo(n);
    } else if (lines != null && System.nanoTime() - lastLine >= LINE_INTERVAL_NANOS) {
      line("");
    }
  }

  void maxHint(long max) {
    total = max;
    if (bar != null) {
      bar.maxHint(max);
    }
  }

  @Override
  public void message(String text) {
    extra = text == null ? "" : text;
    if (bar != null) {
      bar.setExtraMessage(text);
    } else if (lines != null && System.nanoTime() - lastLine >= LINE_INTERVAL_NANOS) {
      line("");
    }
  }

  private void line(String state) {
    lastLine = System.nanoTime();
    String count = total > 1 ? String.format(" %,d/%,d (%.0f%%)", done, total, 100.0 * done / total) : "";
    lines.printf("labeltune: %s%s%s%s, %.0fs%n", task, state.isEmpty() ? "" : " " + state, count,
        extra.isEmpty() ? "" : " " + extra, (lastLine - started) / 1e9);
    lines.flush();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    } else if (lines != null) {
      line("done");
    }
  }
}
