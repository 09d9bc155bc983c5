using BenchmarkDotNet.Running;

if (args.Contains("--cpu-time"))
{
    OligoDecide.Benchmarks.CpuTimeComparison.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OligoDecide.Benchmarks.EvaluationBenchmarks).Assembly).Run(args);
