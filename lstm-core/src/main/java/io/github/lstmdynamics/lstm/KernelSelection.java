package io.github.lstmdynamics.lstm;

import io.github.lstmdynamics.lstm.kernels.KernelProvider;

/**
 * Which implementation of the numerical kernels this JVM uses, and why. It is chosen once, when the
 * library is first used: the vector kernels ({@code jdk.incubator.vector}) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and compiles with HotSpot's C2, the scalar kernels
 * otherwise; the system property {@code -Dlstmdynamics.kernels=scalar} (or {@code =vector}) forces one.
 * The choice covers float64 and float32 models alike, and both paths give bit-identical results in each
 * precision; the vector path speeds up float32 models from about 128 hidden units (docs/performance.md).
 * The library never prints this: an application may show it, for example in a run summary.
 *
 * @param implementation {@code "scalar"} or {@code "vector"}
 * @param reason         why, with how to turn the vector kernels on when they are off, for example
 *                       {@code "jdk.incubator.vector is not readable; run with --add-modules jdk.incubator.vector"}
 */
public record KernelSelection(String implementation, String reason) {

    /**
     * The kernels every model of this JVM uses.
     *
     * @return the implementation's name and the reason it was chosen
     */
    public static KernelSelection current() {
        return new KernelSelection(KernelProvider.name(), KernelProvider.reason());
    }

    /** {@return {@code "implementation (reason)"}, for example for a log line} */
    @Override
    public String toString() {
        return implementation + " (" + reason + ")";
    }
}
