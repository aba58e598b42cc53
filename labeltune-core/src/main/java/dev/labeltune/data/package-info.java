/**
 * Reading labeled texts ({@link dev.labeltune.data.DataReader}) from JSONL, CSV, TSV and plain
 * text, and task wording ({@link dev.labeltune.data.TaskSpec}) from {@code task.json}.
 */
package dev.labeltune.data;
