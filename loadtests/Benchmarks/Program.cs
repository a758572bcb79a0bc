using BenchmarkDotNet.Running;

// dotnet run -c Release --project loadtests/Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(FlashSale.Benchmarks.QuoteBenchmarks).Assembly).Run(args);
