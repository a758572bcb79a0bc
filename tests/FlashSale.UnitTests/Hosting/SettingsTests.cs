using FlashSale.Client.Hosting;
using FlashSale.Silo.Settings;
using Microsoft.Extensions.Configuration;

namespace FlashSale.UnitTests.Hosting;

public sealed class SettingsTests
{
    [Theory]
    [InlineData("--FlashSale:Storage:Provider=Oracle", "FlashSale:Storage:Provider")]
    [InlineData("--FlashSale:Cluster:Mode=Mesh", "FlashSale:Cluster:Mode")]
    [InlineData("--FlashSale:Cluster:SiloPort=70000", "FlashSale:Cluster:SiloPort")]
    [InlineData("--FlashSale:Cluster:AdvertisedAddress=not-an-ip", "FlashSale:Cluster:AdvertisedAddress")]
    [InlineData("--FlashSale:Faults:StorageWrites=0.9", "FlashSale:Faults:StorageWrites")]
    [InlineData("--FlashSale:Faults:StorageWrites=ten", "FlashSale:Faults:StorageWrites")]
    public void A_wrong_setting_stops_start_up_with_a_message_naming_it(string setting, string named)
    {
        var error = Assert.Throws<SettingsException>(() => Read(setting));
        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("two")]
    public void A_shard_count_per_item_outside_one_to_eight_stops_start_up_naming_the_setting(string value)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine([$"--{FlashSale.Client.Features.Sales.ShardSizing.Setting}={value}"]).Build();
        var error = Assert.Throws<SettingsException>(() => FlashSale.Client.Features.Sales.ShardSizing.From(configuration));
        Assert.Contains("FlashSale:Sales:ShardsPerItem", error.Message);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_names_the_missing_setting()
    {
        var error = Assert.Throws<SettingsException>(() => Read("--FlashSale:Storage:Provider=PostgreSql"));
        Assert.Contains("ConnectionStrings:FlashSale", error.Message);
    }

    [Fact]
    public void A_cluster_cannot_run_on_the_embedded_SQLite_file()
    {
        var error = Assert.Throws<SettingsException>(() => Read("--FlashSale:Cluster:Mode=AdoNet"));
        Assert.Contains("FlashSale:Storage:Provider=PostgreSql", error.Message);
    }

    [Fact]
    public void Defaults_are_the_embedded_standalone_platform()
    {
        var settings = Read();
        Assert.Equal(StorageProvider.Sqlite, settings.Storage);
        Assert.Equal(ClusterMode.Standalone, settings.Mode);
        Assert.Equal(0, settings.StorageWriteFaults);
        Assert.Equal(Path.GetFullPath("data"), settings.DataDirectory);
        Assert.Contains(Path.Combine(Path.GetFullPath("data"), "flashsale.db"), settings.ConnectionString);
    }

    [Fact]
    public void A_front_end_in_cluster_mode_needs_the_marketer_key_configured()
    {
        var error = Assert.Throws<SettingsException>(() => FlashSaleWebApp.Create(
        [
            "--FlashSale:Storage:Provider=PostgreSql",
            "--FlashSale:Cluster:Mode=AdoNet",
            "--ConnectionStrings:FlashSale=Host=127.0.0.1;Database=x;Username=x;Password=x",
        ]));
        Assert.Contains("FlashSale:Auth:MarketerKey", error.Message);
    }

    [Theory]
    [InlineData("--FlashSale:Edge:Adaptive=sometimes", "FlashSale:Edge:Adaptive")]
    [InlineData("--FlashSale:Demo=maybe", "FlashSale:Demo")]
    public void An_on_off_setting_with_another_value_stops_start_up_naming_the_setting(string setting, string name)
    {
        var data = Directory.CreateTempSubdirectory("flashsale-settings-").FullName;
        var error = Assert.Throws<SettingsException>(() => FlashSaleWebApp.Create([setting, $"--FlashSale:DataDirectory={data}"]));
        Assert.Contains(name, error.Message);
        Assert.Contains("true or false", error.Message);
    }

    private static FlashSaleSettings Read(params string[] args) =>
        FlashSaleSettings.From(new ConfigurationBuilder().AddCommandLine(args).Build());
}
