/** Test fakes shared by LabelTune's modules, published in the core test-jar. */
package dev.labeltune.testing;
