namespace FlashSale.LoadTests.Scenarios;

/// <summary>Every scenario the tool knows, by name.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> All() =>
        [new HotSkuScenario(), new ManySkusScenario(), new PromoStampedeScenario(), new PriceReadsScenario(), new SaleDayScenario(), new OverloadScenario(), new StreamsScenario()];

    public static Scenario? Find(string name) => All().FirstOrDefault(s => s.Name == name);
}
