using FlashSale.LoadTests;
using FlashSale.LoadTests.Examples;

// The whole tool (list, run, report, thresholds, Ctrl+C, summary.json), with one more scenario in it.
return await LoadTestCli.RunAsync(args, new BrowseQuoteHoldPay());
