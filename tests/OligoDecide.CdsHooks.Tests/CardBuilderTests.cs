using OligoDecide.Documents;
using OligoDecide.Engine;

namespace OligoDecide.CdsHooks.Tests;

public sealed class CardBuilderTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    private static List<Card> Cards(string seed)
    {
        var patient = PatientDocument.Load(Path.Combine(Path.GetDirectoryName(PatientViewTests.Seed("x"))!, "..", "patients", seed)).GetPatientOrThrow();
        return CardBuilder.Build(Engine.Evaluate(patient), "hook-x");
    }

    [Test]
    public void Build_CautionAgainstASuggestedOption_IsCritical()
    {
        var cards = Cards("synchronous-pdl1-high-chemoio.yaml");
        var caution = cards.Single(c => c.Summary.Contains("NRG-LU002", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(caution.Indicator, Is.EqualTo("critical"));
            Assert.That(cards.Single(c => c.Summary.StartsWith("Option: Local consolidative", StringComparison.Ordinal)).Indicator, Is.EqualTo("info"));
        });
    }

    [Test]
    public void Build_CautionNotAgainstAnything_IsWarning()
    {
        var cards = Cards("metachronous-oligorecurrence-controlled.yaml");
        Assert.That(cards.Single(c => c.Summary.StartsWith("Caution: SABR", StringComparison.Ordinal)).Indicator, Is.EqualTo("warning"));
    }

    [Test]
    public void Build_Indeterminate_OneCardListingTheMissingFactsPlusTheOptionEveryPossibleStateGives()
    {
        // Every state still possible is oligometastatic, so the tumour-board option is decided; nothing else is.
        var cards = Cards("indeterminate-missing-history.yaml");
        var card = cards.Single(c => c.Indicator == "warning");
        Assert.Multiple(() =>
        {
            Assert.That(card.Summary, Is.EqualTo("Oligometastatic state indeterminate: facts are missing"));
            Assert.That(card.Detail, Does.Contain("`history.oligometastatic`"));
            Assert.That(cards, Has.Count.EqualTo(2));
            Assert.That(cards.Single(c => c != card).Summary, Does.StartWith("Option: Discuss every treatment decision"));
        });
    }

    [Test]
    public void Build_EveryDefaultSeed_SummariesUnder140AndDetailCitesDoi()
    {
        foreach (var seed in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(PatientViewTests.Seed("x"))!, "..", "patients"), "*.yaml"))
        {
            foreach (var card in Cards(Path.GetFileName(seed)))
            {
                Assert.That(card.Summary.Length, Is.LessThan(140), seed);
            }
        }

        var sabr = Cards("metachronous-oligorecurrence-controlled.yaml").Single(c => c.Summary.StartsWith("Option: Stereotactic", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(sabr.Source.Url, Is.EqualTo("https://doi.org/10.1016/S0140-6736(18)32487-5"));
            Assert.That(sabr.Detail, Does.Contain("[doi:10.1016/S0140-6736(18)32487-5](https://doi.org/10.1016/S0140-6736(18)32487-5)"));
            Assert.That(sabr.Detail, Does.Contain("ecog ≤ 1 (ecog = 1)"));
        });
    }
}
