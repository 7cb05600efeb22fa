package io.github.lstmdynamics.lstm.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lstmdynamics.lstm.KernelSelection;
import org.junit.jupiter.api.Test;

/**
 * Each run of the suite is on the path the build meant: the default surefire execution (no module) on the
 * scalar kernels, with a reason that says how to turn the vector ones on; the second (with
 * {@code --add-modules jdk.incubator.vector}) on the vector kernels.
 */
class KernelPathTest {

    @Test
    void theSuiteRunsOnTheExpectedKernels() {
        String expected = System.getProperty("lstmdynamics.expectedKernels", KernelProvider.name());
        KernelSelection selection = KernelSelection.current();
        assertEquals(expected, selection.implementation(), selection.toString());
        if (expected.equals("scalar")) {
            assertTrue(selection.reason().contains("--add-modules jdk.incubator.vector"), selection.reason());
        } else {
            assertTrue(KernelProvider.vectorAvailable());
        }
    }
}
