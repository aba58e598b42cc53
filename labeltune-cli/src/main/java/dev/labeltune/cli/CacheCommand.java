package dev.labeltune.cli;

import dev.labeltune.encoder.ModelCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code labeltune cache}: what the model cache holds, and emptying it. */
@Command(name = "cache", description = {
    "List or empty the cache of unpacked models and native libraries (-Dlabeltune.cache.dir, else "
        + "$XDG_CACHE_HOME/labeltune, else ~/.cache/labeltune).",
    "Entries are keyed by the bytes they hold, so every clone and version that ships the same model shares one."},
    subcommands = {CacheCommand.Ls.class, CacheCommand.Clear.class})
final class CacheCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "ls", description = "List the cache's entries and their sizes.")
  static final class Ls implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      if (ModelCache.directory().isEmpty()) {
        out.println("The cache is off (-Dlabeltune.cache.dir=none, or no home directory).");
        return 0;
      }
      List<ModelCache.Item> items = ModelCache.list();
      out.println(ModelCache.directory().get());
      long total = 0;
      for (ModelCache.Item item : items) {
        out.printf("  %-48s %s%n", item.name(), megabytes(item.bytes()));
        total += item.bytes();
      }
      out.printf("%d entr%s, %s%n", items.size(), items.size() == 1 ? "y" : "ies", megabytes(total));
      return 0;
    }
  }

  @Command(name = "clear", description = "Delete every entry; the next command unpacks what it needs again.")
  static final class Clear implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      long freed = ModelCache.clear();
      spec.commandLine().getOut().printf("Freed %s in %s%n", megabytes(freed),
          ModelCache.directory().map(Object::toString).orElse("(the cache is off)"));
      return 0;
    }
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
