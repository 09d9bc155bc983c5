using OligoDecide.Documents;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>The <c>schedules:</c> and <c>treatments:</c> sections load whole or report every error with file, line and column.</summary>
public class ScheduleTableReaderTests
{
    private const string Citations = "citations:\n  - { id: c, title: t, authors: a, journal: j, year: 2020, doi: \"10.1000/x\", design: protocol, findings: [f] }\n";

    private const string Rules = """
        rules:
          - id: sabr
            kind: option
            option: sabr
            title: t
            text: t
            evidence: [c]
            when: { fact: ecog, max: 1 }
        """;

    private static RuleSetLoadResult Load(string schedules) => RuleSet.FromFiles(
    [
        ("citations.yaml", Citations),
        ("rules.yaml", Rules),
        ("schedules.yaml", schedules),
        ("ruleset.yaml", "id: s\nversion: 1.0.0\ntitle: t\n"),
    ], RuleSetLimits.Default);

    private const string GoodTable = """
        schedules:
          - id: tab
            title: T
            rows:
              - id: lung
                title: Lung
                lesion: { organ: lung, location: peripheral, sizeMm: { max: 30 } }
                dose:
                  - { totalGy: 54, fractions: 3, rhythm: every-second-day }
                evidence: [c]
        treatments:
          - option: sabr
            treats: all-countable
            schedules: [tab]
        """;

    [Test]
    public void GoodTable_Loads_WithRowEvidenceResolved()
    {
        var result = Load(GoodTable);
        Assert.That(result.Findings.Where(f => f.Severity == Severity.Error), Is.Empty);
        var table = result.RuleSet!.Schedules.Treatments.Single().Tables.Single();
        Assert.Multiple(() =>
        {
            Assert.That(table.Rows.Single().Evidence.Single().Design, Is.EqualTo(Evidence.EvidenceDesign.Protocol));
            Assert.That(table.Rows.Single().Size, Is.EqualTo(new SizeBand(null, false, 30, false)));
            Assert.That(result.Findings.Select(f => f.Message), Has.None.Contains("'c' is not used"), "row evidence counts as use");
        });
    }

    [TestCase("option: sabr\n", "option: sbar\n", "schedules.yaml", 12, "no rule gives the option 'sbar'; did you mean 'sabr'?")]
    [TestCase("schedules: [tab]", "schedules: [tab, nope]", "schedules.yaml", 14, "no schedule table 'nope'")]
    [TestCase("evidence: [c]", "evidence: [missing]", "schedules.yaml", 10, "no citation 'missing' in citations.yaml")]
    [TestCase("        dose:\n          - { totalGy: 54, fractions: 3, rhythm: every-second-day }\n", "", "schedules.yaml", 5, "a schedule row needs at least one dose")]
    [TestCase("rhythm: every-second-day", "rhythm: weekly", "schedules.yaml", 9, "weekly")]
    [TestCase("sizeMm: { max: 30 }", "sizeMm: { upto: 30 }", "schedules.yaml", 7, "upto")]
    [TestCase("location: peripheral", "location: hilar", "schedules.yaml", 7, "hilar")]
    [TestCase("treats: all-countable", "treats: some", "schedules.yaml", 13, "some")]
    public void BadTable_IsAnErrorAtItsPlace(string from, string to, string file, int line, string message)
    {
        var yaml = GoodTable.Replace(from, to, StringComparison.Ordinal);
        Assert.That(yaml, Is.Not.EqualTo(GoodTable), "the test changes the file");
        var result = Load(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False, "nothing half-loaded");
            var error = result.Findings.FirstOrDefault(f => f.Severity == Severity.Error && f.Message.Contains(message, StringComparison.Ordinal));
            Assert.That(error, Is.Not.Null, string.Join("\n", result.Findings.Select(f => f.ToString())));
            Assert.That(error!.Source, Is.EqualTo(file));
            Assert.That(error.Line, Is.EqualTo(line));
            Assert.That(error.Column, Is.GreaterThan(0));
        });
    }

    [Test]
    public void WithholdRowWithADose_IsAnError()
    {
        var yaml = GoodTable.Replace("        title: Lung\n", "        title: Lung\n        kind: withhold\n        note: n\n", StringComparison.Ordinal);
        Assert.That(yaml, Does.Contain("kind: withhold"));
        Assert.That(Load(yaml).Findings.Select(f => f.Message), Has.Some.Contains("a caution or withhold row gives no dose"));
    }

    [Test]
    public void SecondTreatmentForOneOption_IsAnError()
    {
        var yaml = GoodTable + "\n  - option: sabr\n    treats: one\n    schedules: [tab]\n";
        Assert.That(Load(yaml).Findings.Select(f => f.Message), Has.Some.Contains("already has a treatment entry"));
    }
}
