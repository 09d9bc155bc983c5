using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OligoDecide.Benchmarks.EvaluationBenchmarks).Assembly).Run(args);
