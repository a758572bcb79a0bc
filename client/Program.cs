using FlashSale.Client.Hosting;

return await FlashSaleWebApp.RunAsync(args);
