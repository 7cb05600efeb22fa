#!/usr/bin/env python3
"""Reference fixtures for lstm-core, computed by PyTorch in float64.

Run with Debian's python3-torch (torch 1.13):  /usr/bin/python3 tools/reference/lstm/make_fixtures.py
Writes JSON into lstm-core/src/test/resources/reference/. Tensors are written as nested lists in their
PyTorch layout ([T, B, F] time-major sequences, [L, B, H] states); parameters as flat row-major lists
keyed by state_dict name. Python's float repr round-trips, so the numbers are exact.
"""
import json
import os

import torch
from torch import nn

torch.set_default_dtype(torch.float64)
OUT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "lstm-core", "src", "test", "resources",
                   "reference"))


class Model(nn.Module):
    """The tutorial's model: LSTM then Linear at every step; the readout attribute is `output`."""

    def __init__(self, input_size, hidden_size, output_size, num_layers, bias):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, bias=bias)
        self.output = nn.Linear(hidden_size, output_size, bias=bias)

    def forward(self, x, state=None):
        out, (h_n, c_n) = self.lstm(x, state)
        return self.output(out), h_n, c_n


def flat_state(model):
    return {k: v.detach().flatten().tolist() for k, v in model.state_dict().items()}


def write(name, data):
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print(path, os.path.getsize(path), "bytes")


def gradient_case(name, seed, I, H, O, L, T, B, bias=True, random_state=False, reduction="mean"):
    """Forward, loss and every gradient. With random_state the objective also has terms in h_n, c_n."""
    torch.manual_seed(seed)
    model = Model(I, H, O, L, bias)
    x = torch.randn(T, B, I, requires_grad=True)
    y = torch.randn(T, B, O)
    data = {"config": {"input_size": I, "hidden_size": H, "output_size": O, "num_layers": L, "bias": bias,
                       "steps": T, "batch": B, "reduction": reduction},
            "state_dict": flat_state(model), "input": x.tolist(), "target": y.tolist()}
    state = None
    if random_state:
        h0 = torch.randn(L, B, H, requires_grad=True)
        c0 = torch.randn(L, B, H, requires_grad=True)
        state = (h0, c0)
        data["h0"] = h0.tolist()
        data["c0"] = c0.tolist()
    pred, h_n, c_n = model(x, state)
    loss = nn.MSELoss(reduction=reduction)(pred, y)
    objective = loss
    if random_state:
        wh = torch.randn(L, B, H)
        wc = torch.randn(L, B, H)
        data["h_n_weight"] = wh.tolist()
        data["c_n_weight"] = wc.tolist()
        objective = loss + (h_n * wh).sum() + (c_n * wc).sum()
    objective.backward()
    data.update({"output": pred.tolist(), "h_n": h_n.tolist(), "c_n": c_n.tolist(), "loss": loss.item(),
                 "objective": objective.item(),
                 "grads": {k: p.grad.flatten().tolist() for k, p in model.named_parameters()},
                 "grad_input": x.grad.tolist()})
    if random_state:
        data["grad_h0"] = state[0].grad.tolist()
        data["grad_c0"] = state[1].grad.tolist()
    write(name, data)


def sgd_case(name, seed, steps=5, **sgd_args):
    """`steps` training steps on one batch (zero_grad, MSE mean, backward, SGD step)."""
    torch.manual_seed(seed)
    I, H, O, T, B = 2, 5, 2, 6, 4
    model = Model(I, H, O, 1, True)
    x = torch.randn(T, B, I)
    y = torch.randn(T, B, O)
    data = {"config": {"input_size": I, "hidden_size": H, "output_size": O, "num_layers": 1, "bias": True,
                       "steps": T, "batch": B},
            "sgd": sgd_args, "state_dict": flat_state(model), "input": x.tolist(), "target": y.tolist(),
            "losses": [], "state_after": []}
    opt = torch.optim.SGD(model.parameters(), **sgd_args)
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.MSELoss()(model(x)[0], y)
        loss.backward()
        opt.step()
        data["losses"].append(loss.item())
        data["state_after"].append(flat_state(model))
    write(name, data)


def clip_case(name, seed, max_norms):
    """Gradients of one MSE step, then clip_grad_norm_ with each max_norm (from fresh gradients)."""
    torch.manual_seed(seed)
    I, H, O, T, B = 3, 4, 2, 5, 3
    model = Model(I, H, O, 2, True)
    x = torch.randn(T, B, I)
    y = torch.randn(T, B, O)
    data = {"config": {"input_size": I, "hidden_size": H, "output_size": O, "num_layers": 2, "bias": True,
                       "steps": T, "batch": B},
            "state_dict": flat_state(model), "input": x.tolist(), "target": y.tolist(), "cases": []}
    for max_norm in max_norms:
        model.zero_grad()
        nn.MSELoss()(model(x)[0], y).backward()
        total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        data["cases"].append({"max_norm": max_norm, "total_norm": total.item(),
                              "grads": {k: p.grad.flatten().tolist() for k, p in model.named_parameters()}})
    write(name, data)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    gradient_case("lstm_tutorial", 1, I=2, H=20, O=2, L=1, T=21, B=20)
    gradient_case("lstm_random_state", 2, I=3, H=5, O=2, L=1, T=7, B=3, random_state=True)
    gradient_case("lstm_two_layer", 3, I=3, H=4, O=2, L=2, T=6, B=3, random_state=True)
    gradient_case("lstm_long", 4, I=2, H=4, O=1, L=1, T=200, B=2)
    gradient_case("lstm_no_bias", 5, I=3, H=4, O=2, L=2, T=5, B=2, bias=False, reduction="sum")
    sgd_case("sgd_plain", 6, lr=0.1)
    sgd_case("sgd_momentum_weight_decay", 7, lr=0.1, momentum=0.9, weight_decay=0.01)
    sgd_case("sgd_nesterov", 8, lr=0.1, momentum=0.9, nesterov=True)
    sgd_case("sgd_dampening", 9, lr=0.1, momentum=0.9, dampening=0.3)
    clip_case("clip_grad_norm", 10, [0.05, 1000.0])
