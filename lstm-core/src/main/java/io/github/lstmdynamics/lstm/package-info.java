/**
 * LSTM layers with backpropagation through time, a Linear readout, MSE loss, SGD, Adam and AdamW and
 * learning-rate schedules, with the names, shapes, defaults and numerics of PyTorch's
 * {@code torch.nn.LSTM}, {@code nn.Linear}, {@code nn.MSELoss}, {@code torch.optim} and
 * {@code torch.optim.lr_scheduler}.
 *
 * <ul>
 *   <li>{@link io.github.lstmdynamics.lstm.SequenceBatch}: a time-major {@code [T, B, F]} batch stored as
 *       one {@code (T*B) x F} row-major EJML matrix.</li>
 *   <li>{@link io.github.lstmdynamics.lstm.Lstm}, {@link io.github.lstmdynamics.lstm.Linear},
 *       {@link io.github.lstmdynamics.lstm.MseLoss}: forward and backward passes over whole sequences.</li>
 *   <li>{@link io.github.lstmdynamics.lstm.Sgd} with {@link io.github.lstmdynamics.lstm.SgdOptions},
 *       {@link io.github.lstmdynamics.lstm.GradientClipping}: updates of
 *       {@link io.github.lstmdynamics.lstm.Parameter}s.</li>
 *   <li>{@link io.github.lstmdynamics.lstm.Optimizer}: {@link io.github.lstmdynamics.lstm.Adam} and
 *       {@link io.github.lstmdynamics.lstm.AdamW} with {@link io.github.lstmdynamics.lstm.AdamOptions}, and
 *       {@code Sgd}; schedules of their learning rate ({@link io.github.lstmdynamics.lstm.LrScheduler}:
 *       {@link io.github.lstmdynamics.lstm.StepLR}, {@link io.github.lstmdynamics.lstm.ExponentialLR},
 *       {@link io.github.lstmdynamics.lstm.CosineAnnealingLR},
 *       {@link io.github.lstmdynamics.lstm.ReduceLROnPlateau}).</li>
 *   <li>{@link io.github.lstmdynamics.lstm.LstmRegressor}: the tutorial's model (LSTM then Linear at every
 *       step) with a one-call training step, initial and final states
 *       ({@link io.github.lstmdynamics.lstm.LstmState}), chunked prediction and closed-loop rollouts
 *       ({@link io.github.lstmdynamics.lstm.RolloutMode}).</li>
 * </ul>
 *
 * <p>Layers and models keep their activations in buffers that they own and reuse; they are not
 * thread-safe, and separate instances may be used in parallel. One large model can itself use several
 * threads ({@link io.github.lstmdynamics.lstm.LstmRegressor#setThreads(int)}), with results bit-identical
 * to one thread. Nothing in this package prints.
 *
 * <p>Speed: every loop of the training step runs through one kernel interface with two implementations,
 * plain Java and the JDK's Vector API ({@code jdk.incubator.vector}), which give the same bits; the
 * vector one is used when the JVM is started with {@code --add-modules jdk.incubator.vector}.
 * {@link io.github.lstmdynamics.lstm.KernelSelection#current()} tells which is in use and why; the
 * {@code bench} module measures both.
 */
package io.github.lstmdynamics.lstm;
