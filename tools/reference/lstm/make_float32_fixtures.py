#!/usr/bin/env python3
"""Reference fixtures for lstm-core's float32 models, computed by PyTorch in float32 (its default dtype).

Run with Debian's python3-torch (torch 1.13):  /usr/bin/python3 tools/reference/lstm/make_float32_fixtures.py
Writes JSON into lstm-core/src/test/resources/reference/float32_*.json. Every tensor is float32; the JSON
holds each float32 value as the Python float (double) it widens to exactly, so the Java side rounds the
inputs and weights back to the very same floats. Tensors are nested lists in PyTorch's layout ([T, B, F]
time-major, [L, B, H] states), parameters flat row-major lists keyed by state_dict name.

Each case: the LSTM (then Linear and MSE mean) forward from random h0, c0; the objective
loss + sum(h_n * wh) + sum(c_n * wc); the gradients of every parameter, of the input, h0 and c0, and of
the LSTM's output sequence (so that the LSTM alone can be checked); then five SGD steps (lr 0.1) of the
plain MSE loss from zero states, with the loss before each step and the parameters after the last.
"""
import json
import os

import torch
from torch import nn

torch.set_default_dtype(torch.float32)
OUT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "lstm-core", "src", "test",
                                    "resources", "reference"))


class Model(nn.Module):
    def __init__(self, input_size, hidden_size, output_size, num_layers):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers)
        self.output = nn.Linear(hidden_size, output_size)

    def forward(self, x, state=None):
        out, (h_n, c_n) = self.lstm(x, state)
        return self.output(out), out, h_n, c_n


def flat_state(model):
    return {k: v.detach().flatten().tolist() for k, v in model.state_dict().items()}


def case(name, seed, I, H, O, L, T, B):
    torch.manual_seed(seed)
    model = Model(I, H, O, L)
    x = torch.randn(T, B, I, requires_grad=True)
    y = torch.randn(T, B, O)
    h0 = torch.randn(L, B, H, requires_grad=True)
    c0 = torch.randn(L, B, H, requires_grad=True)
    wh = torch.randn(L, B, H)
    wc = torch.randn(L, B, H)
    data = {"config": {"input_size": I, "hidden_size": H, "output_size": O, "num_layers": L,
                       "steps": T, "batch": B, "dtype": str(x.dtype)},
            "state_dict": flat_state(model), "input": x.tolist(), "target": y.tolist(),
            "h0": h0.tolist(), "c0": c0.tolist(), "h_n_weight": wh.tolist(), "c_n_weight": wc.tolist()}
    pred, out, h_n, c_n = model(x, (h0, c0))
    out.retain_grad()
    loss = nn.MSELoss()(pred, y)
    objective = loss + (h_n * wh).sum() + (c_n * wc).sum()
    objective.backward()
    data.update({"output": pred.tolist(), "lstm_output": out.tolist(), "h_n": h_n.tolist(), "c_n": c_n.tolist(),
                 "loss": loss.item(), "grads": {k: p.grad.flatten().tolist() for k, p in model.named_parameters()},
                 "grad_input": x.grad.tolist(), "grad_h0": h0.grad.tolist(), "grad_c0": c0.grad.tolist(),
                 "grad_lstm_output": out.grad.tolist()})
    # five SGD steps of the plain loss from zero states, from the same initial weights
    torch.manual_seed(seed)
    model = Model(I, H, O, L)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    losses = []
    xs = x.detach()
    for _ in range(5):
        opt.zero_grad()
        loss = nn.MSELoss()(model(xs)[0], y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    data["sgd"] = {"lr": 0.1, "losses": losses, "state_after": flat_state(model)}
    # five Adam and five AdamW (amsgrad) steps likewise, single-tensor path
    for key, make in (("adam", lambda ps: torch.optim.Adam(ps, lr=0.01, foreach=False)),
                      ("adamw", lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1, amsgrad=True,
                                                             foreach=False))):
        torch.manual_seed(seed)
        model = Model(I, H, O, L)
        opt = make(model.parameters())
        losses = []
        for _ in range(5):
            opt.zero_grad()
            loss = nn.MSELoss()(model(xs)[0], y)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        data[key] = {"losses": losses, "state_after": flat_state(model)}
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    case("float32_tutorial", 11, I=2, H=20, O=2, L=1, T=21, B=20)
    case("float32_two_layer", 12, I=3, H=8, O=2, L=2, T=9, B=4)
    case("float32_wide", 13, I=32, H=64, O=4, L=1, T=12, B=6)
