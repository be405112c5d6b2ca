using Spectre.Console;
using Winnow.Scoring.Drops;
using Winnow.Simulation.Drops;

namespace Winnow.Cli.Commands;

/// <summary>The drops job's terminal tables, shared by train, evaluate and fine-tune.</summary>
internal static class DropsReport
{
    /// <summary>Confusion matrix (rows true, columns predicted) and the flag rates.</summary>
    public static void WriteConfusion(DropsEvaluation e, string title = "true \\ predicted")
    {
        var table = new Table().AddColumn(title);
        foreach (var name in DropClasses.Names) table.AddColumn(name);
        for (var t = 0; t < 4; t++)
            table.AddRow(new[] { DropClasses.Names[t] }.Concat(Enumerable.Range(0, 4).Select(p => e.Confusion[t, p].ToString())).ToArray());
        AnsiConsole.Write(table);
        foreach (var (cls, point) in e.AtThreshold)
            Console.WriteLine($"{Thresholds.Flags[cls]} flag: threshold {point.Threshold:0.000}, TPR {point.TruePositiveRate:0.000}, FPR {point.FalsePositiveRate:0.000}, AUC {e.Auc[cls]:0.000}");
    }
}
