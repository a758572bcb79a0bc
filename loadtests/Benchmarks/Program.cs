using BenchmarkDotNet.Running;
using FlashSale.Benchmarks;

// dotnet run -c Release --project loadtests/Benchmarks -- holds [--seconds 10] [--concurrency 200] [--ours-only] [--allocations]
// dotnet run -c Release --project loadtests/Benchmarks -- --filter '*'      (BenchmarkDotNet micro-benchmarks)
if (args.FirstOrDefault() == "holds")
{
    return await HoldThroughput.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(QuoteBenchmarks).Assembly).Run(args);
return 0;
