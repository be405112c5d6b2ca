"""Minimal safetensors reader/writer for the parity tests (the safetensors package is not in Debian 12)."""
import json
import struct

import numpy as np
import torch

_NAMES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.int64: "I64",
          torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL"}
_TYPES = {v: k for k, v in _NAMES.items()}


def save(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def load(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        dtype = _TYPES[info["dtype"]]
        np_type = torch.empty(0, dtype=dtype).numpy().dtype
        out[name] = torch.from_numpy(np.frombuffer(data[b:e], dtype=np_type).copy()).reshape(info["shape"])
    return out
