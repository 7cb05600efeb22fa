/**
 * Saving, loading and exchanging models and training checkpoints as
 * <a href="https://github.com/huggingface/safetensors">safetensors</a> files with PyTorch's
 * {@code state_dict} names.
 *
 * <ul>
 *   <li>{@link io.github.lstmdynamics.lstm.io.ModelFiles}: an
 *       {@link io.github.lstmdynamics.lstm.LstmRegressor} to and from a file that PyTorch's
 *       {@code load_state_dict} takes (and back: a PyTorch {@code state_dict} saved as safetensors loads
 *       here).</li>
 *   <li>{@link io.github.lstmdynamics.lstm.io.Checkpoints}: the whole training state
 *       ({@link io.github.lstmdynamics.lstm.io.Checkpoint}), saved atomically and bit-exactly, so that
 *       training resumes exactly where it stopped.</li>
 *   <li>{@link io.github.lstmdynamics.lstm.io.Safetensors}: the file format itself, for tensors of
 *       {@link io.github.lstmdynamics.lstm.io.DType#F64} and {@link io.github.lstmdynamics.lstm.io.DType#F32}.</li>
 *   <li>{@link io.github.lstmdynamics.lstm.io.AtomicFiles}: whole-file replacement that a crash cannot
 *       leave half done.</li>
 * </ul>
 *
 * <p>Files from elsewhere are checked before they are trusted: a damaged or hostile file is refused with
 * a {@link io.github.lstmdynamics.lstm.io.SafetensorsFormatException} (an {@link java.io.IOException})
 * naming the tensor and the problem, never with another exception, an out-of-memory error or a silently
 * wrong model. Nothing here prints.
 */
package io.github.lstmdynamics.lstm.io;
