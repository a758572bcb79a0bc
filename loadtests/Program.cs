using FlashSale.LoadTests;

return await LoadTestCli.RunAsync(args);
