package dev.labeltune.encoder;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a graph of the model cache through ONNX Runtime's optimized copy of it, kept beside it.
 *
 * <p>Creating a session from a 90 MB graph took about 0.6 s of a 1.2 s command: the runtime parses
 * the protobuf, copies every weight out of it into fresh memory and fuses the graph. The copy it
 * saves at the extended level (fusions that do not depend on the CPU, so the file is valid on any
 * machine this runtime version runs on) keeps the weights in a separate file, which the runtime
 * maps into memory instead of copying: the session then opens in about 0.15 s, and computes the
 * same embeddings, bit for bit. The copy is written by the first session that misses it, as a side
 * effect of its own creation, and is keyed by the runtime's version, since its fused operators are
 * that version's.
 */
final class OptimizedGraph {
  private static final Logger LOG = LoggerFactory.getLogger(OptimizedGraph.class);
  private static final String GRAPH = "model.onnx";
  private static final String WEIGHTS = "model.onnx.data";
  /** Holds the sizes of both files: a damaged copy (a full disk, a truncated file) is never opened. */
  private static final String COMPLETE = "complete";

  private OptimizedGraph() {}

  /**
   * @param env the runtime
   * @param graph an ONNX graph in the model cache, which never changes once written
   * @param options how the session runs
   * @return a session computing what one on {@code graph} computes
   * @throws OrtException if the runtime refuses {@code graph} itself
   */
  static OrtSession open(OrtEnvironment env, Path graph, RuntimeOptions options) throws OrtException {
    Path dir = graph.resolveSibling("optimized-ort-" + env.getVersion().replaceAll("[^0-9A-Za-z.]", "_"));
    if (isComplete(dir)) {
      try {
        return OnnxSessions.fileSession(env, dir.resolve(GRAPH), options);
      } catch (OrtException e) {
        LOG.debug("Optimized graph {} refused, writing it again: {}", dir, e.toString());
      }
    }
    // Missing, damaged or refused: written anew, and a damaged one never left behind forever.
    deleteQuietly(dir);
    Path temp;
    try {
      temp = Files.createTempDirectory(graph.getParent(), dir.getFileName() + ".");
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot write an optimized graph beside {}: {}", graph, e.toString());
      return OnnxSessions.fileSession(env, graph, options);
    }
    try {
      OrtSession session;
      try (OrtSession.SessionOptions so = OnnxSessions.sessionOptions(options)) {
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
        so.setOptimizedModelFilePath(temp.resolve(GRAPH).toString());
        so.addConfigEntry("session.optimized_model_external_initializers_file_name", WEIGHTS);
        session = env.createSession(graph.toString(), so);
      } catch (OrtException e) {
        // Writing may be what failed (a full disk): the graph itself decides below.
        LOG.debug("Cannot write an optimized graph of {}: {}", graph, e.toString());
        return OnnxSessions.fileSession(env, graph, options);
      }
      publish(temp, dir);
      return session;
    } finally {
      deleteQuietly(temp);
    }
  }

  private static boolean isComplete(Path dir) {
    try {
      String[] sizes = Files.readString(dir.resolve(COMPLETE), StandardCharsets.UTF_8).trim().split(" ");
      return sizes.length == 2 && Long.parseLong(sizes[0]) == Files.size(dir.resolve(GRAPH))
          && Long.parseLong(sizes[1]) == Files.size(dir.resolve(WEIGHTS));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Renames a written copy into place, unless another process put its own there first. */
  private static void publish(Path temp, Path dir) {
    try {
      if (!Files.isRegularFile(temp.resolve(WEIGHTS))) {
        return; // a graph too small to have weights worth mapping: the original serves as well
      }
      Files.writeString(temp.resolve(COMPLETE),
          Files.size(temp.resolve(GRAPH)) + " " + Files.size(temp.resolve(WEIGHTS)) + "\n", StandardCharsets.UTF_8);
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
      LOG.debug("Optimized graph {} was written by another process", dir);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot keep the optimized graph {}: {}", dir, e.toString());
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      ModelCache.deleteTree(dir);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Cannot delete {}: {}", dir, e.toString());
    }
  }
}
