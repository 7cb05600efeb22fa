package io.github.lstmdynamics.lstm.kernels;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Chooses the {@link Kernels} (and the float32 kernels on the same path) once, at class initialisation,
 * as Apache Lucene's {@code VectorizationProvider} does: {@code VectorKernels} when the module
 * {@code jdk.incubator.vector} is readable and the VM is HotSpot compiling with C2, else
 * {@link ScalarKernels}. The system property
 * {@value #PROPERTY} = {@code scalar} or {@code vector} forces one (vector still needs the module). The
 * vector class is loaded reflectively, so a JVM without the module never links against it; the choice
 * and its reason are reported by {@link #name()} and {@link #reason()}, never printed.
 */
public final class KernelProvider {

    /** The system property that forces a path: {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "lstmdynamics.kernels";
    private static final String VECTOR_CLASS = "io.github.lstmdynamics.lstm.kernels.VectorKernels";
    private static final String VECTOR_FLOAT32_CLASS = "io.github.lstmdynamics.lstm.kernels.VectorFloatKernels";
    private static final String ENABLE = "run with --add-modules jdk.incubator.vector";

    private static final Kernels KERNELS;
    private static final String REASON;
    /** The vector kernels when they can be loaded, whatever was chosen (for tests and benchmarks), else null. */
    private static final Kernels VECTOR;
    /** The float32 vector kernels, loaded with {@link #VECTOR}, else null. */
    private static final ArrayKernels<float[], float[][]> VECTOR_FLOAT32;

    static {
        String vectorProblem = vectorProblem();
        Kernels vector = vectorProblem == null ? load(VECTOR_CLASS, Kernels.class) : null;
        @SuppressWarnings("unchecked")
        ArrayKernels<float[], float[][]> vectorFloat32 = vector == null ? null
                : (ArrayKernels<float[], float[][]>) load(VECTOR_FLOAT32_CLASS, ArrayKernels.class);
        if (vectorProblem == null && (vector == null || vectorFloat32 == null)) {
            vectorProblem = "the vector kernels could not be loaded";
            vector = null;
            vectorFloat32 = null;
        }
        VECTOR = vector;
        VECTOR_FLOAT32 = vectorFloat32;
        String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("scalar")) {
            KERNELS = ScalarKernels.INSTANCE;
            REASON = "forced by -D" + PROPERTY + "=scalar";
        } else if (forced.equals("vector") && vector != null) {
            KERNELS = vector;
            REASON = "forced by -D" + PROPERTY + "=vector";
        } else if (forced.equals("vector")) {
            KERNELS = ScalarKernels.INSTANCE;
            REASON = "-D" + PROPERTY + "=vector asked for the vector path, but " + vectorProblem;
        } else if (vector != null) {
            KERNELS = vector;
            REASON = "jdk.incubator.vector is readable and the VM compiles with C2"
                    + (forced.isEmpty() ? "" : " (ignored -D" + PROPERTY + "=" + forced
                            + ": expected scalar or vector)");
        } else {
            KERNELS = ScalarKernels.INSTANCE;
            REASON = vectorProblem + (forced.isEmpty() ? "" : " (ignored -D" + PROPERTY + "=" + forced
                    + ": expected scalar or vector)");
        }
    }

    private KernelProvider() {
    }

    /** {@return the kernels every model uses} */
    public static Kernels kernels() {
        return KERNELS;
    }

    /**
     * {@return the float32 kernels every float32 model uses: the vector ones exactly when {@link #kernels()}
     * are the vector ones}
     */
    public static ArrayKernels<float[], float[][]> float32() {
        return float32Matching(KERNELS);
    }

    /**
     * {@return the float32 kernels on the same path as {@code float64}: vector for the vector kernels,
     * scalar otherwise}
     *
     * @param float64 float64 kernels, {@link #scalar()} or {@link #vector()}
     */
    public static ArrayKernels<float[], float[][]> float32Matching(Kernels float64) {
        return float64 == VECTOR && VECTOR != null ? VECTOR_FLOAT32 : ScalarFloatKernels.INSTANCE;
    }

    /** {@return {@code "scalar"} or {@code "vector"}} */
    public static String name() {
        return KERNELS.name();
    }

    /** {@return why {@link #name()} was chosen, with how to turn the vector path on where it is off} */
    public static String reason() {
        return REASON;
    }

    /** {@return the scalar kernels} */
    public static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * @return the vector kernels
     * @throws IllegalStateException if they are not available in this JVM (the reason says why)
     */
    public static Kernels vector() {
        if (VECTOR == null) {
            throw new IllegalStateException("vector kernels unavailable: " + vectorProblem());
        }
        return VECTOR;
    }

    /** {@return whether {@link #vector()} is available in this JVM} */
    public static boolean vectorAvailable() {
        return VECTOR != null;
    }

    /** Why the vector path cannot run here, or null if it can. */
    private static String vectorProblem() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "jdk.incubator.vector is not readable; " + ENABLE;
        }
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return "the VM runs interpreted (-Xint): the vector path needs the C2 compiler";
        }
        if (info.contains("emulated-client")) {
            return "the VM runs as a client VM: the vector path needs the C2 compiler";
        }
        String name = System.getProperty("java.vm.name", "");
        if (!name.contains("HotSpot") && !name.contains("OpenJDK")) {
            return "the VM (" + name + ") is not HotSpot: the vector path needs HotSpot's C2 compiler";
        }
        String stopAt = hotSpotOption("TieredStopAtLevel");
        if (stopAt != null && !stopAt.equals("4")) {
            return "C2 is off (-XX:TieredStopAtLevel=" + stopAt + "): the vector path needs the C2 compiler";
        }
        return null;
    }

    /** A HotSpot flag's value, or null where the VM or the management module cannot tell. */
    private static String hotSpotOption(String option) {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean == null ? null : bean.getVMOption(option).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The {@code INSTANCE} of the class named, or null if it cannot be loaded here. */
    private static <T> T load(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className).getDeclaredField("INSTANCE").get(null));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
