/** Dense vector kernels over plain float arrays, shared by scoring, pooling and training. */
package dev.labeltune.math;
