using BenchmarkDotNet.Running;
using McpMonitoring.Bench;

// Not a BenchmarkDotNet run: a one-shot measurement of the time-series store's memory (docs/PERFORMANCE.md).
if (args is ["tsdb-footprint", .. var rest])
{
    TsdbFootprint.Run(rest);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point for BenchmarkDotNet.</summary>
public partial class Program;
