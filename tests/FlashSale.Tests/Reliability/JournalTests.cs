using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FlashSale.Orders;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace FlashSale.Tests.Reliability;

/// <summary>
/// The stock shards' journal under the conditions that make or break it: snapshots stored while holds, payments and
/// cancels keep landing, then a restart that rebuilds every shard from its snapshot and the entries after it.
/// </summary>
public sealed class JournalTests
{
    private const int Buyers = 300;

    [Theory]
    [InlineData(Backend.PostgreSql)]
    [InlineData(Backend.Sqlite)]
    public async Task Snapshots_taken_while_holds_land_bring_back_every_order_in_its_state(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        var states = new ConcurrentDictionary<string, (string Token, string Status)>();
        await using (var platform = await Platform.StartAsync(store, "--FlashSale:Journal:SnapshotEvery=2"))
        {
            await TestShop.AddRegionsAsync(platform.Marketer);
            await TestShop.AddProductAsync(platform.Marketer, "SNEAKER-1");
            await Shoppers.CreateSaleAsync(platform, "journal-sale", stock: Buyers, limit: 1, "BR");
            await Parallel.ForEachAsync(Enumerable.Range(0, Buyers), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                var token = await Shoppers.TokenAsync(platform, $"journal-{i}@example.com");
                using var shopper = Shoppers.WithToken(platform, token);
                using var held = await Shoppers.OrderAsync(shopper, $"journal-{i}", new { saleId = "journal-sale", sku = "SNEAKER-1", quantity = 1, region = "BR" });
                Assert.Equal(HttpStatusCode.Created, held.StatusCode);
                var orderId = (await held.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<string>();
                states[orderId] = (token, "reserved");
                if (i % 3 != 2)
                {
                    using var settled = await shopper.PostAsJsonAsync($"/api/orders/{orderId}/{(i % 3 == 0 ? "pay" : "cancel")}", new { paymentMethod = "test-card" });
                    Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
                    states[orderId] = (token, i % 3 == 0 ? "confirmed" : "cancelled");
                }
            });
        }

        // Snapshots were stored and the journal entries they cover were dropped: the restart replays from a snapshot.
        Assert.True(await store.ScalarAsync("SELECT count(*) FROM fs_snapshot") > 0, "snapshots were stored");
        Assert.Equal(0, await store.ScalarAsync("SELECT count(*) FROM fs_journal WHERE seq = 1"));

        await using var restarted = await Platform.StartAsync(store);
        await Parallel.ForEachAsync(states, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (order, _) =>
        {
            using var shopper = Shoppers.WithToken(restarted, order.Value.Token);
            var read = await shopper.GetFromJsonAsync<JsonObject>($"/api/orders/{order.Key}");
            Assert.Equal(order.Value.Status, read!["status"]!.GetValue<string>());
        });
        // Sold and held as buyers were told (available is stock - sold - held: checking it too would add nothing), and
        // every unit with a shard.
        await Books.AssertAcknowledgedAsync(restarted.Marketer, "journal-sale", "SNEAKER-1",
            states.Values.Count(o => o.Status == "confirmed"), states.Values.Count(o => o.Status == "reserved"));
        await Books.AssertStockAccountedForAsync(restarted.Marketer, "journal-sale");
    }

    [Theory]
    [InlineData(Backend.PostgreSql)]
    [InlineData(Backend.Sqlite)]
    public async Task A_stale_append_at_a_sequence_a_snapshot_covers_is_refused_like_a_taken_one(Backend backend)
    {
        await using var store = await Store.CreateAsync(backend);
        await using var platform = await Platform.StartAsync(store);
        var journal = platform.App.Services.GetRequiredService<IShardJournal>();
        const string shard = "covered~SKU~0";
        ShardAppend Entry(long sequence) => new(shard, sequence, [(byte)sequence], [], []);
        await journal.AppendAsync(Entry(1));
        await journal.AppendAsync(Entry(2));
        await journal.SnapshotAsync(shard, 2, [42]);

        // A copy of the shard that missed the snapshot writes at a sequence whose row the snapshot deleted.
        var stale = await Record.ExceptionAsync(() => journal.AppendAsync(Entry(2)));
        var older = await Record.ExceptionAsync(() => journal.AppendAsync(Entry(1)));
        await journal.AppendAsync(Entry(3));
        var history = await journal.LoadAsync(shard);

        Assert.IsType<InconsistentStateException>(stale);
        Assert.IsType<InconsistentStateException>(older);
        Assert.Equal(2, history.SnapshotSequence);
        Assert.Equal([3L], history.Entries.Select(e => e.Sequence));
    }
}
