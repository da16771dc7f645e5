// BenchmarkDotNet micro benchmarks of Monitor's hot parts: the query codec, identity parsing and
// aggregation. Usage: dotnet run -c Release --project bench/Monitor.Benchmarks -- --filter '*' [--job short]
// CI never runs these for speed; bench/run.sh runs them and keeps the summary in bench/results/.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Monitor.Benchmarks.CodecBenchmarks).Assembly).Run(args);
