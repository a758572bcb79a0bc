using FlashSale.Silo.Settings;
using FlashSale.Silo.Storage;
using Microsoft.AspNetCore.Builder;

namespace FlashSale.Silo;

/// <summary><c>silo migrate</c>: applies the missing schema versions and exits.</summary>
internal static class SchemaCommand
{
    public static async Task<int> RunAsync(WebApplicationBuilder builder, FlashSaleSettings settings)
    {
        using var host = builder.Build();
        var migrator = host.Services.GetRequiredService<SchemaMigrator>();
        try
        {
            var applied = await migrator.ApplyAsync(CancellationToken.None);
            Console.WriteLine(applied.Count == 0
                ? $"Schema of {settings.DescribeDatabase()} is up to date."
                : $"Applied schema versions {string.Join(", ", applied)} to {settings.DescribeDatabase()}.");
            return 0;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Cannot migrate {settings.DescribeDatabase()}: {e.Message}");
            return 1;
        }
    }
}
