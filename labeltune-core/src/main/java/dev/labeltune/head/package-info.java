/**
 * Task heads: the small per-task label matrices ({@link dev.labeltune.head.TaskHead}), their
 * checksummed file format, training them from examples ({@link dev.labeltune.head.HeadTrainer}) and
 * binding them to a shared encoder ({@link dev.labeltune.head.TextClassifier}).
 */
package dev.labeltune.head;
