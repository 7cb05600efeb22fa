#!/usr/bin/env python3
"""Reference fixtures for lstm-core's Adam, AdamW and learning-rate schedules, computed by PyTorch in float64.

Run with Debian's python3-torch (torch 1.13):  /usr/bin/python3 tools/reference/lstm/make_optim_fixtures.py
Writes JSON into lstm-core/src/test/resources/reference/. The optimizers run their single-tensor path
(foreach=False), the one lstm-core follows. Python's float repr round-trips, so the numbers are exact.

- adam_*.json / adamw_*.json: 10 training steps of the tutorial's model (LSTM then Linear, MSE mean) on a
  fresh random batch per step; after each step the loss, the parameters and, at the end, the optimizer
  state (step, exp_avg, exp_avg_sq, max_exp_avg_sq) keyed by state_dict name.
- lr_*.json: the learning rate after each of 100 scheduler steps (scheduler.step() after optimizer.step(),
  as PyTorch asks), ReduceLROnPlateau fed the fixed metric sequence stored in the file.
"""
import json
import math
import os

import torch
from torch import nn

torch.set_default_dtype(torch.float64)
OUT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "lstm-core", "src", "test", "resources",
                                    "reference"))


class Model(nn.Module):
    """The tutorial's model: LSTM then Linear at every step; the readout attribute is `output`."""

    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, 1)
        self.output = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.output(self.lstm(x)[0])


def flat_state(model):
    return {k: v.detach().flatten().tolist() for k, v in model.state_dict().items()}


def write(name, data):
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print(path, os.path.getsize(path), "bytes")


def adam_case(name, seed, cls, steps=10, **args):
    torch.manual_seed(seed)
    I, H, O, T, B = 2, 5, 2, 6, 4
    model = Model(I, H, O)
    data = {"config": {"input_size": I, "hidden_size": H, "output_size": O, "num_layers": 1, "bias": True,
                       "steps": T, "batch": B},
            "optimizer": cls.__name__, "args": args, "state_dict": flat_state(model),
            "inputs": [], "targets": [], "losses": [], "state_after": []}
    opt = cls(model.parameters(), foreach=False, **args)
    for _ in range(steps):
        x = torch.randn(T, B, I)
        y = torch.randn(T, B, O)
        opt.zero_grad()
        loss = nn.MSELoss()(model(x), y)
        loss.backward()
        opt.step()
        data["inputs"].append(x.tolist())
        data["targets"].append(y.tolist())
        data["losses"].append(loss.item())
        data["state_after"].append(flat_state(model))
    names = dict((id(p), k) for k, p in model.named_parameters())
    state = {}
    for p in model.parameters():
        s = opt.state[p]
        entry = {"step": s["step"].item(), "exp_avg": s["exp_avg"].flatten().tolist(),
                 "exp_avg_sq": s["exp_avg_sq"].flatten().tolist()}
        if "max_exp_avg_sq" in s:
            entry["max_exp_avg_sq"] = s["max_exp_avg_sq"].flatten().tolist()
        state[names[id(p)]] = entry
    data["optimizer_state"] = state
    group = opt.param_groups[0]
    data["defaults"] = {"lr": group["lr"], "betas": list(group["betas"]), "eps": group["eps"],
                        "weight_decay": group["weight_decay"], "amsgrad": group["amsgrad"]}
    write(name, data)


def schedule_case(name, make, lr=0.1, epochs=100, metrics=None):
    p = nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    sched = make(opt)
    lrs = []
    for epoch in range(epochs):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[epoch])
        lrs.append(opt.param_groups[0]["lr"])
    data = {"lr": lr, "lrs": lrs}
    if metrics is not None:
        data["metrics"] = metrics
    write(name, data)


def plateau_metrics():
    """A loss that falls, stalls with small wiggles, falls again, then rises: every branch of the rule."""
    g = torch.Generator().manual_seed(11)
    m = []
    for e in range(100):
        if e < 20:
            base = 1.0 / (1 + e)
        elif e < 50:
            base = 1.0 / 21
        elif e < 70:
            base = (1.0 / 21) * 0.9 ** (e - 49)
        else:
            base = (1.0 / 21) * 0.9 ** 20 * (1 + 0.05 * (e - 69))
        m.append(base * (1 + 1e-3 * torch.randn(1, generator=g).item()))
    return m


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    adam_case("adam_default", 21, torch.optim.Adam)
    adam_case("adam_betas_eps_weight_decay", 22, torch.optim.Adam, lr=0.02, betas=(0.8, 0.95), eps=1e-4,
              weight_decay=0.05)
    adam_case("adam_amsgrad", 23, torch.optim.Adam, lr=0.05, betas=(0.5, 0.9), amsgrad=True)
    adam_case("adamw", 24, torch.optim.AdamW, lr=0.02)
    adam_case("adamw_amsgrad", 25, torch.optim.AdamW, lr=0.05, betas=(0.5, 0.9), weight_decay=0.1, amsgrad=True)
    S = torch.optim.lr_scheduler
    schedule_case("lr_step", lambda o: S.StepLR(o, step_size=7, gamma=0.5))
    schedule_case("lr_exponential", lambda o: S.ExponentialLR(o, gamma=0.95))
    schedule_case("lr_cosine", lambda o: S.CosineAnnealingLR(o, T_max=30, eta_min=0.001))
    schedule_case("lr_cosine_long", lambda o: S.CosineAnnealingLR(o, T_max=100), lr=0.01)
    metrics = plateau_metrics()
    schedule_case("lr_plateau_min_rel", lambda o: S.ReduceLROnPlateau(o, patience=3, factor=0.5, threshold=1e-2,
                                                                       cooldown=2, min_lr=1e-4), metrics=metrics)
    schedule_case("lr_plateau_max_abs", lambda o: S.ReduceLROnPlateau(o, mode="max", patience=2, factor=0.3,
                                                                       threshold=1e-3, threshold_mode="abs"),
                  metrics=[-v for v in metrics])
    schedule_case("lr_plateau_defaults", lambda o: S.ReduceLROnPlateau(o), metrics=metrics)
