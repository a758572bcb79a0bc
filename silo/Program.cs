using FlashSale.Silo;
using FlashSale.Silo.Health;
using FlashSale.Silo.Settings;
using FlashSale.Silo.Storage;
using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Orleans.Runtime.Silo", LogLevel.Information);
FlashSaleSettings settings;
OperatorKey operatorKey;
try
{
    settings = builder.AddFlashSaleServiceDefaults();
    operatorKey = OperatorKey.From(builder.Configuration);
}
catch (SettingsException e)
{
    Console.Error.WriteLine($"FlashSale cannot start: {e.Message}");
    return 2;
}

if (args.Contains("migrate"))
{
    return await SchemaCommand.RunAsync(builder, settings);
}

builder.AddFlashSaleSilo(settings);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:0");
var app = builder.Build();
// Health details and metrics for operators only: the marketer key opens them, as on the front ends.
app.MapFlashSaleDefaultEndpoints(context => Task.FromResult(operatorKey.Opens(context)), operatorKey.Opens);
await app.RunAsync();
return 0;
