using FlashSale.Silo.Settings;
using FlashSale.Silo.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSale.Silo.Health;

/// <summary>
/// Ready only when the database answers and acknowledges writes durably: on PostgreSQL fsync,
/// synchronous_commit and full_page_writes must be on (off can lose "committed" orders in a crash).
/// </summary>
internal sealed class StorageHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = database.Settings.Storage.ToString() };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var connection = await database.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = database.Settings.Storage == StorageProvider.PostgreSql
                ? "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')"
                : "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous), 'n/a'";
            await using var reader = await command.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            var first = Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var second = Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) ?? "";
            var third = Convert.ToString(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) ?? "";

            if (database.Settings.Storage == StorageProvider.Sqlite)
            {
                data["journal_mode"] = first;
                data["synchronous"] = second;
                return HealthCheckResult.Healthy(database.Settings.DescribeDatabase(), data);
            }

            data["fsync"] = first;
            data["synchronous_commit"] = second;
            data["full_page_writes"] = third;
            var unsafeSettings = new[] { ("fsync", first), ("synchronous_commit", second), ("full_page_writes", third) }
                .Where(setting => setting.Item2 == "off")
                .Select(setting => setting.Item1)
                .ToList();
            return unsafeSettings.Count == 0
                ? HealthCheckResult.Healthy(database.Settings.DescribeDatabase(), data)
                : HealthCheckResult.Unhealthy(
                    $"PostgreSQL has {string.Join(", ", unsafeSettings)} off: acknowledged orders could be lost in a crash.", data: data);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{database.Settings.DescribeDatabase()} unreachable: {e.Message}", data: data);
        }
    }
}
