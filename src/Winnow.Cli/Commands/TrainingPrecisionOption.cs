using System.CommandLine;
using Winnow.Torch;

namespace Winnow.Cli.Commands;

/// <summary>The --precision option of the training commands: the forward pass in float32, or in bfloat16 through autocast.</summary>
internal static class TrainingPrecisionOption
{
    private const string Float32 = "float32";
    private const string BFloat16 = "bfloat16";

    /// <summary>A new --precision option (float32 by default).</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--precision")
        {
            Description = "Forward pass during training: float32, or bfloat16 (autocast: convolutions in bfloat16, weights, gradients and the loss in float32; about 1.75x faster on CPUs with AVX-512 BF16 or AMX, for weights that differ by rounding; about 19x slower on CPUs without, which emulate it).",
            DefaultValueFactory = _ => Float32,
        };
        option.AcceptOnlyFromAmong(Float32, BFloat16);
        return option;
    }

    /// <summary>The element type a --precision value names.</summary>
    public static ScalarType Parse(string value) => value == BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary>The option's value for an element type, as cards record it.</summary>
    public static string Name(ScalarType type) => type == ScalarType.BFloat16 ? BFloat16 : Float32;

    /// <summary>What a recorded command adds for this precision: nothing for float32, so earlier commands read as they ran.</summary>
    public static string CommandSuffix(ScalarType type) => type == ScalarType.Float32 ? "" : $" --precision {Name(type)}";
}
