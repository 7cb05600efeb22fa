#!/usr/bin/env python3
"""The original tutorial: an LSTM learns to imitate the van der Pol oscillator.

PyTorch + scipy + matplotlib, exactly as the classic tutorial does it, kept here as the
reference that the Java example (examples/, VanDerPolTutorial) is compared with and timed
against. Run with Debian's python3 (python3-torch, python3-scipy, python3-matplotlib):

    /usr/bin/python3 bench/python/vanderpol_tutorial.py [--out DIR] [--seed N] [--batches N]
"""
import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from scipy.integrate import solve_ivp  # noqa: E402
from torch import nn  # noqa: E402

MU = 0.1
T_END = 2.0
DT = 0.1
BATCH_SIZE = 20
HIDDEN = 20
LR = 0.05


def van_der_pol(t, x):
    return [x[1], MU * (1 - x[0] ** 2) * x[1] - x[0]]


T_EVAL = np.linspace(0.0, T_END, int(round(T_END / DT)) + 1)


def trajectories(x0):
    """True trajectories, time-major: [steps, len(x0), 2]."""
    return np.stack(
        [solve_ivp(van_der_pol, (0.0, T_END), x, max_step=0.1, t_eval=T_EVAL).y.T for x in x0],
        axis=1,
    )


def make_batch(batch_size):
    x0 = np.random.uniform(-5, 5, size=(batch_size, 2))
    target = trajectories(x0)
    inputs = np.zeros_like(target)
    inputs[0] = x0
    return (
        torch.tensor(inputs, dtype=torch.float32),
        torch.tensor(target, dtype=torch.float32),
    )


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(2, HIDDEN)
        self.output = nn.Linear(HIDDEN, 2)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.output(h)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="out/python")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batches", type=int, default=2000)
    args = parser.parse_args()
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    model = Model()
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)

    running_loss = 0.0
    for batch in range(1, args.batches + 1):
        inputs, target = make_batch(BATCH_SIZE)
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), target)
        loss.backward()
        optimizer.step()
        running_loss = 0.9 * running_loss + 0.1 * loss.item()
        if batch % 50 == 0:
            print("Batch #{}  Loss {}".format(batch, running_loss))

    # The picture: the flow field, and the model's predictions for a fresh batch.
    inputs, target = make_batch(BATCH_SIZE)
    with torch.no_grad():
        predicted = model(inputs).numpy()
    target = target.numpy()
    grid = np.linspace(-5, 5, 50)
    x1, x2 = np.meshgrid(grid, grid)
    u, v = van_der_pol(0.0, [x1, x2])
    fig, ax = plt.subplots(figsize=(8, 8))
    ax.streamplot(x1, x2, u, v, color="lightgray", density=1)
    for b in range(BATCH_SIZE):
        line, = ax.plot(predicted[:, b, 0], predicted[:, b, 1], "-")
        ax.plot(target[:, b, 0], target[:, b, 1], "--", color=line.get_color())
        ax.plot(target[0, b, 0], target[0, b, 1], "o", color=line.get_color())
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_aspect("equal")
    os.makedirs(args.out, exist_ok=True)
    fig.savefig(os.path.join(args.out, "predictions.png"), dpi=100)


if __name__ == "__main__":
    main()
