#!/usr/bin/env python3
"""Loads a model file written in Java (ModelFiles.save) into torch.nn.LSTM + nn.Linear and compares.

Run by hand with Debian's python3-torch (torch 1.13):
    /usr/bin/python3 tools/reference/io/load_in_pytorch.py PATH.safetensors [PATH.json]
The JSON (default: PATH with .safetensors replaced by .json) holds "input" [T, B, I] and the Java
"predictions" [T, B, O]; JavaSideFiles in lstm-io's tests writes both. The model is built from the
file's "__metadata__" (input_size, hidden_size, output_size, num_layers, bias) and filled with
load_state_dict(strict=True), so a missing, extra or misshapen tensor fails here. It is evaluated in
float64 (F32 files are widened, as Java does). Exits 0 if the largest difference is at most 1e-12.
"""
import json
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_plain  # noqa: E402


class Model(nn.Module):
    """The tutorial's model: LSTM then Linear at every step; the readout attribute is `output`."""

    def __init__(self, input_size, hidden_size, output_size, num_layers, bias):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers, bias=bias)
        self.output = nn.Linear(hidden_size, output_size, bias=bias)

    def forward(self, x):
        return self.output(self.lstm(x)[0])


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    path = sys.argv[1]
    json_path = sys.argv[2] if len(sys.argv) == 3 else os.path.splitext(path)[0] + ".json"
    metadata, tensors = safetensors_plain.load(path)
    print("metadata:", metadata)
    model = Model(int(metadata["input_size"]), int(metadata["hidden_size"]), int(metadata["output_size"]),
                  int(metadata["num_layers"]), metadata["bias"] == "true").double()
    result = model.load_state_dict({k: v.double() for k, v in tensors.items()}, strict=True)
    print("load_state_dict(strict=True):", result)
    with open(json_path) as f:
        data = json.load(f)
    x = torch.tensor(data["input"], dtype=torch.float64)
    expected = torch.tensor(data["predictions"], dtype=torch.float64)
    with torch.no_grad():
        predicted = model(x)
    diff = (predicted - expected).abs().max().item()
    ok = predicted.shape == expected.shape and diff <= 1e-12
    print("torch %s, %s: %d tensors, predictions %s, largest difference from Java %.3g: %s"
          % (torch.__version__, os.path.basename(path), len(tensors), tuple(predicted.shape), diff,
             "OK" if ok else "MISMATCH"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
