/**
 * LSTM layers with backpropagation through time, a Linear readout, MSE loss and SGD, with the names,
 * shapes, defaults and numerics of PyTorch's {@code torch.nn.LSTM}, {@code nn.Linear},
 * {@code nn.MSELoss} and {@code optim.SGD}.
 */
package io.github.lstmdynamics.lstm;
