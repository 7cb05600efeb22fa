"""The safetensors format in a few lines of plain Python (struct + json), for F64 and F32 tensors.

Debian has no `safetensors` package; this writes what `safetensors.torch.save_file` writes: an 8-byte
little-endian header length, a compact JSON header padded with spaces to a multiple of 8 bytes, tensors
laid out sorted by (dtype alignment, descending; name), and "__metadata__" only when given.
"""
import json
import struct

import torch

DTYPES = {torch.float64: ("F64", "<d", 8), torch.float32: ("F32", "<f", 4)}
BY_NAME = {v[0]: (k, v[1], v[2]) for k, v in DTYPES.items()}


def save(tensors, path, metadata=None):
    """tensors: dict name -> torch tensor (float64 or float32)."""
    order = sorted(tensors, key=lambda n: (-DTYPES[tensors[n].dtype][2], n))
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    data = bytearray()
    for name in order:
        t = tensors[name].detach().contiguous()
        dtype, fmt, size = DTYPES[t.dtype]
        values = t.flatten().tolist()
        begin = len(data)
        data += struct.pack("<%d%s" % (len(values), fmt[1]), *values)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [begin, len(data)]}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)


def load(path):
    """Returns (metadata, dict name -> torch tensor), checking only what this script needs."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors = {}
    for name, info in header.items():
        dtype, fmt, size = BY_NAME[info["dtype"]]
        begin, end = info["data_offsets"]
        count = (end - begin) // size
        values = struct.unpack("<%d%s" % (count, fmt[1]), data[begin:end])
        tensors[name] = torch.tensor(values, dtype=dtype).reshape(info["shape"])
    return metadata, tensors
