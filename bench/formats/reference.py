"""Decode the same files with the field's readers (dxtbx for CBF, mrcfile for MRC) and print '<kind> <MB/s> <files> <reps>'.
MB counts decoded data the same way as the Winnow bench: pixels x 4 bytes (int32 for CBF; the stored dtype for MRC)."""
import sys, time, warnings
warnings.simplefilter("ignore")  # hand.5.mrcs has no MAP label and stamp 0: mrcfile reads it permissively but warns

reps, kind, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]

if kind == "cbf":
    import dxtbx
    def decode(p):
        raw = dxtbx.load(p).get_raw_data()
        raw = raw[0] if isinstance(raw, tuple) else raw
        return raw.size() * 4
else:
    import mrcfile
    def decode(p):
        d = mrcfile.read(p)
        return d.size * 4

for f in files:
    decode(f)
n = 0
t = time.perf_counter()
for _ in range(reps):
    for f in files:
        n += decode(f)
dt = time.perf_counter() - t
print(f"{kind} {n / 1e6 / dt:.1f} {len(files)} {reps}")
