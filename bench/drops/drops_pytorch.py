"""Drops scoring throughput in PyTorch: the same ResNet-18 and weights (torchvision), JPEG decoding and resizing
with Pillow (and the card's well crop, located as Winnow does), batch 32, softmax, the card's test-time augmentation
and, for a card with "tiles", the same tile reading (decode at the magnified side, the whole averaged down, the tiles
cut from the magnified well, one view each, and the card's combiner). Prints "pytorch images_per_s X peak_rss_mb Y" (median of the repetitions).
Usage: drops_pytorch.py WEIGHTS.safetensors FOLDER [threads] [repetitions]"""
import glob, json, resource, struct, sys, time
import numpy as np, torch, torchvision
from scipy import ndimage
from PIL import Image

weights, folder = sys.argv[1], sys.argv[2]
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
reps = int(sys.argv[4]) if len(sys.argv) > 4 else 3
torch.set_num_threads(threads)

def load_safetensors(path):
    # No safetensors package in Debian's python; the format is an 8-byte header length, JSON, raw little-endian data.
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n)); data = f.read()
    types = {"F16": np.float16, "F32": np.float32, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__": continue
        a, b = meta["data_offsets"]
        arr = np.frombuffer(data[a:b], dtype=types[meta["dtype"]]).reshape(meta["shape"])
        t = torch.from_numpy(arr.copy())
        out[name] = t.float() if t.is_floating_point() else t
    return out

card = json.load(open(weights[: -len(".safetensors")] + ".card.json"))
size = card["input"]["width"]
model = torchvision.models.resnet18(num_classes=len(card["classes"]))
model.load_state_dict(load_safetensors(weights))
model.eval()
mean = torch.tensor(card["input"]["mean"]).view(1, 3, 1, 1)
std = torch.tensor(card["input"]["std"]).view(1, 3, 1, 1)
files = sorted(glob.glob(folder + "/*.jpg"))
# The card's test-time augmentation, as Winnow applies it: dihedral8 averages the softmax of the 4 quarter-turns and
# their mirror images (view v: v // 2 quarter-turns, mirrored when v is odd).
views = 8 if card.get("test_time_augmentation") == "dihedral8" else 1

def view(x, v):
    turned = torch.rot90(x, v // 2, (2, 3))
    return turned.flip(3) if v % 2 else turned

crop_well = card["input"].get("crop", "full") == "well"
tiles = card.get("tiles")
decoded = size * tiles["magnification"] if tiles else size
if tiles:
    grid, stride = tiles["grid"], (decoded - size) // max(1, tiles["grid"] - 1)
    origins = [(t % grid * stride, t // grid * stride) for t in range(grid * grid)]
    combiner = torch.tensor(tiles["combiner"], dtype=torch.float64)

def tile_read(x):
    """Winnow's TileReading: the whole (averaged down, the card's views) and every tile (one view), then the combiner
    on [1, log p_whole, max log p_tile, mean log p_tile, log mean p_tile] (floor 1e-5)."""
    whole = torch.nn.functional.avg_pool2d(x, tiles["magnification"])
    pw = sum(torch.softmax(model(view(whole, v)), 1) for v in range(views)) / views
    cut = torch.stack([x[:, :, y:y + size, x0:x0 + size] for x0, y in origins], 1).reshape(-1, 3, size, size)
    pt = torch.cat([torch.softmax(model(cut[i:i + 32]), 1) for i in range(0, len(cut), 32)]).reshape(len(x), len(origins), -1).double()
    lt = torch.log(pt + 1e-5)
    f = torch.cat([torch.ones(len(x), 1, dtype=torch.float64), torch.log(pw.double() + 1e-5), lt.max(1).values, lt.mean(1), torch.log(pt.mean(1) + 1e-5)], 1)
    return torch.softmax(f @ combiner, 1)

def well_box(image):
    """Winnow's WellLocator: on a 160-px grey thumbnail, the largest bright region (>= 0.45 x the 95th percentile)
    not touching the frame, if it is at least half the shorter side across and about round; its square, 3 % margin."""
    w, h = image.size
    th = max(1, round(160 * h / w))
    grey = np.asarray(image.convert("L").resize((160, th), Image.BOX))
    labels, n = ndimage.label(grey >= 0.45 * np.percentile(grey, 95, method="lower"))
    edge = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])))
    counts = np.bincount(labels.ravel())
    inside = [k for k in range(1, n + 1) if k not in edge]
    if not inside:
        return None
    ys, xs = np.nonzero(labels == max(inside, key=lambda k: counts[k]))
    sx, sy = xs.max() - xs.min() + 1, ys.max() - ys.min() + 1
    if min(sx, sy) < 0.5 * min(160, th) or not 1 / 1.33 <= sx / sy <= 1.33:
        return None
    fx, fy = w / 160, h / th
    side = round(min(max(sx * fx, sy * fy) * 1.06, min(w, h)))
    x = min(max(round((xs.min() + xs.max() + 1) / 2 * fx - side / 2), 0), w - side)
    y = min(max(round((ys.min() + ys.max() + 1) / 2 * fy - side / 2), 0), h - side)
    return (x, y, x + side, y + side)

def load(path):
    image = Image.open(path).convert("RGB")
    box = well_box(image) if crop_well else None
    return np.asarray((image.crop(box) if box else image).resize((decoded, decoded), Image.BOX))

def score(paths):
    out = []
    for i in range(0, len(paths), 32):
        batch = [load(p) for p in paths[i:i + 32]]
        x = torch.from_numpy(np.stack(batch)).permute(0, 3, 1, 2).float() / 255.0
        x = (x - mean) / std
        with torch.no_grad():
            out.append(tile_read(x) if tiles else sum(torch.softmax(model(view(x, v)), 1) for v in range(views)) / views)
    return torch.cat(out)

score(files[:32])
rates = []
for _ in range(reps):
    t = time.perf_counter(); score(files); rates.append(len(files) / (time.perf_counter() - t))
rates.sort()
print(f"pytorch images_per_s {rates[len(rates) // 2]:.2f} peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
