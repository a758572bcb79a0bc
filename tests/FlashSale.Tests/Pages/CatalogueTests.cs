using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlashSale.Tests.Pages;

/// <summary>
/// The storefront's languages are whole: every catalogue has exactly English's keys, each message keeps English's
/// placeholders (in every plural form), and the picker offers exactly the languages that have a catalogue.
/// </summary>
public sealed class CatalogueTests
{
    private static readonly string[] PluralForms = ["zero", "one", "two", "few", "many", "other"];

    [Fact]
    public void Every_catalogue_has_exactly_the_english_keys_with_the_same_placeholders()
    {
        var english = Catalogue.Load("en");
        var faults = new List<string>();
        foreach (var language in Catalogue.Languages.Where(l => l != "en"))
        {
            var catalogue = Catalogue.Load(language);
            faults.AddRange(english.Messages.Keys.Except(catalogue.Messages.Keys).Select(key => $"{language}: missing {key}"));
            faults.AddRange(catalogue.Messages.Keys.Except(english.Messages.Keys).Select(key => $"{language}: {key} is not in en.json"));
            foreach (var (key, message) in catalogue.Messages.Where(m => english.Messages.ContainsKey(m.Key)))
            {
                var wanted = Catalogue.Placeholders(english.Text(key));
                if (message.ValueKind != english.Messages[key].ValueKind)
                {
                    faults.Add($"{language}: {key} is {message.ValueKind}, in English {english.Messages[key].ValueKind}");
                    continue;
                }
                if (message.ValueKind == JsonValueKind.Object && !message.TryGetProperty("other", out _))
                {
                    faults.Add($"{language}: {key} has no \"other\" form");
                }
                foreach (var (form, text) in Catalogue.Forms(message))
                {
                    if (message.ValueKind == JsonValueKind.Object && !PluralForms.Contains(form))
                    {
                        faults.Add($"{language}: {key} has the form \"{form}\", which is no plural category");
                    }
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        faults.Add($"{language}: {key} {form} is empty");
                    }
                    var found = Catalogue.Placeholders(text);
                    if (!found.SetEquals(wanted))
                    {
                        faults.Add($"{language}: {key} {form} has {string.Join(" ", found.Order())}, English {string.Join(" ", wanted.Order())}");
                    }
                }
            }
        }
        Assert.True(faults.Count == 0, string.Join(Environment.NewLine, faults));
    }

    [Fact]
    public void The_language_picker_offers_exactly_the_languages_with_a_catalogue_and_the_shop_speaks_at_least_five()
    {
        var module = File.ReadAllText(Path.Combine(ToolRun.RepoRoot(), "client", "wwwroot", "i18n.js"));
        var list = Regex.Match(module, @"const languages = \{(?<list>[^}]*)\}").Groups["list"].Value;
        var offered = Regex.Matches(list, @"(?:""(?<code>[\w-]+)""|(?<code>[\w-]+))\s*:").Select(m => m.Groups["code"].Value).Order(StringComparer.Ordinal);

        Assert.Equal(Catalogue.Languages, offered);
        Assert.Superset(new HashSet<string>(["en", "pt-BR", "ru", "hi", "es"]), Catalogue.Languages.ToHashSet());
    }

    [Fact]
    public void Every_problem_type_a_shopper_can_meet_has_a_message()
    {
        // The refusals of the shopper endpoints (API.md), and the sign-in's own; validation and promo reasons are built apart.
        string[] types = ["sold-out", "sale-not-live", "limit-exceeded", "rate-limited", "hold-expired", "order-cancelled", "order-confirmed",
            "unauthorized", "idempotency-key-reused", "not-found", "waiting-room-full", "too-many-streams"];
        string[] reasons = ["unknown", "expired", "not-started", "exhausted", "customer-limit", "region", "min-subtotal", "not-applicable", "disabled"];
        var english = Catalogue.Load("en");

        var missing = types.Select(t => $"problem.{t}").Concat(reasons.Select(r => $"promo.reason.{r}")).Where(key => !english.Messages.ContainsKey(key)).ToList();
        Assert.True(missing.Count == 0, $"en.json lacks {string.Join(", ", missing)}");
    }
}
