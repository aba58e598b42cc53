package dev.labeltune.torch;

import dev.labeltune.testing.Architecture;

/** The layering rules of every LabelTune package on this module's class path, over the whole class graph. */
class ArchitectureTest extends Architecture {}
