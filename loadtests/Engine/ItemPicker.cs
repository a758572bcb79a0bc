namespace FlashSale.LoadTests.Engine;

/// <summary>
/// Picks which item a shopper wants: uniform, or Zipf-skewed (item k of n with weight 1/k^s), as real
/// traffic piles onto a few best sellers.
/// </summary>
public sealed class ItemPicker
{
    private readonly double[]? cumulative;
    private readonly int count;

    private ItemPicker(int count, double[]? cumulative) => (this.count, this.cumulative) = (count, cumulative);

    public static ItemPicker Uniform(int count) => new(count, null);

    public static ItemPicker Zipf(int count, double exponent)
    {
        var weights = new double[count];
        var sum = 0.0;
        for (var k = 0; k < count; k++)
        {
            sum += 1.0 / Math.Pow(k + 1, exponent);
            weights[k] = sum;
        }
        for (var k = 0; k < count; k++)
        {
            weights[k] /= sum;
        }
        return new ItemPicker(count, weights);
    }

    public int Next()
    {
        if (cumulative is null)
        {
            return Random.Shared.Next(count);
        }
        var index = Array.BinarySearch(cumulative, Random.Shared.NextDouble());
        return Math.Min(index < 0 ? ~index : index, count - 1);
    }
}
