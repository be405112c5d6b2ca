using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Winnow.Torch.Serialization;

/// <summary>
/// The safetensors format (shared by PyTorch, JAX and Hugging Face): an 8-byte little-endian header length,
/// a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {…}}, then the raw little-endian data.
/// No code runs when a file is loaded, unlike pickle.
/// </summary>
public static class SafeTensors
{
    // A header larger than this is not a weights file but a corrupt or hostile one.
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    private static readonly Dictionary<ScalarType, string> Names = new()
    {
        [ScalarType.Float64] = "F64", [ScalarType.Float32] = "F32", [ScalarType.Float16] = "F16", [ScalarType.BFloat16] = "BF16",
        [ScalarType.Int64] = "I64", [ScalarType.Int32] = "I32", [ScalarType.Int16] = "I16", [ScalarType.Int8] = "I8",
        [ScalarType.Byte] = "U8", [ScalarType.Bool] = "BOOL",
    };

    private static readonly Dictionary<string, ScalarType> Types = Names.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Writes tensors (CPU copies are made as needed) and string metadata to <paramref name="path"/>.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
            header["__metadata__"] = new JsonObject(metadata.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value))));
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            var type = tensor.Dtype;
            if (!Names.TryGetValue(type, out var typeName)) throw new ArgumentException($"safetensors cannot store '{name}' of type {type}");
            var bytes = RawBytes(tensor);
            header[name] = new JsonObject
            {
                ["dtype"] = typeName,
                ["shape"] = new JsonArray(tensor.Shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + bytes.Length)),
            };
            blobs.Add(bytes);
            offset += bytes.Length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // Pad the header with spaces to a multiple of 8 so the data that follows is aligned, as the reference writer does.
        var padded = (json.Length + 7) / 8 * 8;
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
            foreach (var blob in blobs) stream.Write(blob);
        }
        // Write-then-rename: a crash never leaves a half-written weights file under the real name.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Writes a module's state dict.</summary>
    public static void Save(string path, nn.Module module, IReadOnlyDictionary<string, string>? metadata = null) =>
        Save(path, module.StateDict(), metadata);

    /// <summary>Reads every tensor (on the CPU) and the metadata; a malformed file gives an <see cref="InvalidDataException"/> naming it.</summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new FileNotFoundException($"{path}: no such weights file", path);
        using var stream = file.OpenRead();
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8) throw Bad(path, "shorter than the 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)Math.Min(MaxHeaderBytes, file.Length - 8))
            throw Bad(path, $"the header claims {headerLength} bytes but the file holds {file.Length}");
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes)?.AsObject() ?? throw Bad(path, "the header is empty");
        }
        catch (JsonException e)
        {
            throw Bad(path, $"the header is not valid JSON ({e.Message})");
        }
        var dataStart = 8 + (long)headerLength;
        var dataLength = file.Length - dataStart;
        var metadata = new Dictionary<string, string>();
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node?.AsObject() ?? new JsonObject()) metadata[k] = v?.GetValue<string>() ?? "";
                continue;
            }
            var (type, shape, begin, end) = Describe(path, name, node);
            var expected = shape.Aggregate(1L, (a, b) => a * b) * type.ElementSize();
            if (begin < 0 || end < begin || end > dataLength || end - begin != expected)
                throw Bad(path, $"tensor '{name}' has data offsets [{begin}, {end}] that do not fit its shape or the file");
            var bytes = new byte[end - begin];
            stream.Position = dataStart + begin;
            stream.ReadExactly(bytes);
            tensors[name] = FromBytes(bytes, type, shape).DetachFromDisposeScope();
        }
        return (tensors, metadata);
    }

    private static (ScalarType, long[], long, long) Describe(string path, string name, JsonNode? node)
    {
        try
        {
            var o = node!.AsObject();
            var typeName = o["dtype"]!.GetValue<string>();
            if (!Types.TryGetValue(typeName, out var type)) throw Bad(path, $"tensor '{name}' has unsupported dtype {typeName}");
            var shape = o["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            if (shape.Any(s => s < 0)) throw Bad(path, $"tensor '{name}' has a negative size");
            var offsets = o["data_offsets"]!.AsArray();
            return (type, shape, offsets[0]!.GetValue<long>(), offsets[1]!.GetValue<long>());
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException or ArgumentOutOfRangeException)
        {
            throw Bad(path, $"tensor '{name}' has a malformed header entry");
        }
    }

    private static InvalidDataException Bad(string path, string problem) => new($"{path}: not a valid safetensors file: {problem}");

    private static unsafe Tensor FromBytes(byte[] bytes, ScalarType type, long[] shape)
    {
        // Raw bytes go in as uint8 and are reinterpreted by copying into a tensor of the right type.
        fixed (byte* p = bytes)
        {
            var status = Native.NativeMethods.wn_tensor_from_data(p, shape, shape.Length, (int)type, 0, 0, out var r);
            return Tensor.From(status, r);
        }
    }

    private static unsafe byte[] RawBytes(Tensor tensor)
    {
        var bytes = new byte[tensor.NumEl * tensor.Dtype.ElementSize()];
        fixed (byte* p = bytes)
            Native.NativeError.Check(Native.NativeMethods.wn_tensor_copy_out(tensor.Handle, p, bytes.Length));
        return bytes;
    }
}
