#!/usr/bin/env python3
"""Interop fixtures for lstm-io: models saved by PyTorch as safetensors, with PyTorch's predictions.

Run with Debian's python3-torch (torch 1.13):  /usr/bin/python3 tools/reference/io/make_fixtures.py
Writes into lstm-io/src/test/resources/reference/:
  tutorial_model.safetensors      nn.LSTM(2, 20) + nn.Linear(20, 2) (attribute `output`), float64, F64,
                                  no metadata (as safetensors.torch.save_file(model.state_dict(), ...))
  tutorial_model_f32.safetensors  the same weights as float32 (F32)
  two_layer_no_bias.safetensors   nn.LSTM(3, 4, num_layers=2, bias=False) + nn.Linear(4, 1, bias=False),
                                  F64, with the {"format": "pt"} metadata safetensors.torch adds
  tutorial_model.json             an input batch [T=21, B=3, 2] and the predictions [21, 3, 2] of the
                                  float64 model ("predictions"), of the float64 model with the F32-rounded
                                  weights ("predictions_f32_weights"), of the float32 model computed in
                                  float32 ("predictions_float32"); and for the two-layer model its input
                                  [5, 2, 3] and predictions [5, 2, 1]
Python's float repr round-trips, so the numbers are exact.
"""
import json
import os

import torch
from torch import nn

import safetensors_plain

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "lstm-io", "src",
                                    "test", "resources", "reference"))


class Model(nn.Module):
    """The tutorial's model: LSTM then Linear at every step; the readout attribute is `output`."""

    def __init__(self, input_size, hidden_size, output_size, num_layers=1, bias=True):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, bias=bias)
        self.output = nn.Linear(hidden_size, output_size, bias=bias)

    def forward(self, x):
        return self.output(self.lstm(x)[0])


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(2026)
    model = Model(2, 20, 2).double()
    x = torch.rand(21, 3, 2, dtype=torch.float64) * 2 - 1
    with torch.no_grad():
        pred = model(x)
        safetensors_plain.save(model.state_dict(), os.path.join(OUT, "tutorial_model.safetensors"))
        f32 = Model(2, 20, 2).float()
        f32.load_state_dict({k: v.float() for k, v in model.state_dict().items()})
        safetensors_plain.save(f32.state_dict(), os.path.join(OUT, "tutorial_model_f32.safetensors"))
        pred_float32 = f32(x.float())
        rounded = Model(2, 20, 2).double()
        rounded.load_state_dict({k: v.double() for k, v in f32.state_dict().items()})
        pred_rounded = rounded(x)

        deep = Model(3, 4, 1, num_layers=2, bias=False).double()
        x2 = torch.randn(5, 2, 3, dtype=torch.float64)
        pred2 = deep(x2)
        safetensors_plain.save(deep.state_dict(), os.path.join(OUT, "two_layer_no_bias.safetensors"),
                               metadata={"format": "pt"})

    data = {"torch_version": torch.__version__, "input": x.tolist(), "predictions": pred.tolist(),
            "predictions_f32_weights": pred_rounded.tolist(), "predictions_float32": pred_float32.double().tolist(),
            "two_layer_input": x2.tolist(), "two_layer_predictions": pred2.tolist()}
    path = os.path.join(OUT, "tutorial_model.json")
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    for name in sorted(os.listdir(OUT)):
        print(os.path.join(OUT, name), os.path.getsize(os.path.join(OUT, name)), "bytes")


if __name__ == "__main__":
    main()
