#!/usr/bin/python3
"""PyTorch counterpart of bench's LstmBenchmark: nn.LSTM(I, H) + nn.Linear(H, I), time-major.

For each size I:H:B:T, dtype (float32, float64) and thread count (torch.set_num_threads), times
  forward          lstm(x)                                   (autograd on, as in training)
  forwardBackward  out = lstm(x)[0]; out.backward(dOut)      (BPTT of the LSTM alone)
  trainStep        zero_grad; mse(linear(lstm(x)[0]), y).backward(); sgd.step()
and prints one JSON object per line with the median of repeated single-call timings in microseconds.
Run with Debian's interpreter, which has torch:  /usr/bin/python3 bench/python/lstm_bench.py
"""
import argparse
import json
import statistics
import time

import torch

SHAPES = ["2:20:20:21", "2:64:64:50", "32:256:64:50", "64:512:32:100"]


def median_us(fn, min_time=1.0, min_reps=5, max_reps=2000):
    """Median of single-call timings after a warm-up, repeating for about min_time seconds."""
    for _ in range(3):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < max_reps and (len(times) < min_reps or time.perf_counter() - start < min_time):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6, len(times)


OPS = ["forward", "forwardBackward", "trainStep"]


def bench(shape, dtype, threads, min_time, ops=OPS):
    torch.set_num_threads(threads)
    i, h, b, t = (int(v) for v in shape.split(":"))
    torch.manual_seed(42)
    lstm = torch.nn.LSTM(i, h).to(dtype)
    linear = torch.nn.Linear(h, i).to(dtype)
    params = list(lstm.parameters()) + list(linear.parameters())
    sgd = torch.optim.SGD(params, lr=1e-6)
    mse = torch.nn.MSELoss()
    x = torch.rand(t, b, i, dtype=dtype) * 2 - 1
    y = torch.rand(t, b, i, dtype=dtype) * 2 - 1
    d_out = torch.rand(t, b, h, dtype=dtype) * 2 - 1

    def forward():
        return lstm(x)

    def forward_backward():
        out = lstm(x)[0]
        out.backward(d_out)

    def train_step():
        sgd.zero_grad()
        loss = mse(linear(lstm(x)[0]), y)
        loss.backward()
        sgd.step()
        return loss

    results = []
    for op, fn in (("forward", forward), ("forwardBackward", forward_backward), ("trainStep", train_step)):
        if op not in ops:
            continue
        us, reps = median_us(fn, min_time=min_time)
        results.append({"bench": "lstm", "op": op, "shape": shape, "dtype": str(dtype).replace("torch.", ""),
                        "threads": threads, "median_us": us, "reps": reps})
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shapes", nargs="*", default=SHAPES)
    ap.add_argument("--dtypes", nargs="*", default=["float32", "float64"])
    ap.add_argument("--threads", nargs="*", type=int, default=[1, 2])
    ap.add_argument("--min-time", type=float, default=1.0, help="seconds of timing per operation")
    ap.add_argument("--ops", nargs="*", default=OPS, choices=OPS)
    args = ap.parse_args()
    for shape in args.shapes:
        for dtype in args.dtypes:
            for threads in args.threads:
                for r in bench(shape, getattr(torch, dtype), threads, args.min_time, args.ops):
                    print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
