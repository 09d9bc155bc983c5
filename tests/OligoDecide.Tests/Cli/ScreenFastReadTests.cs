using System.Text;
using CsCheck;
using OligoDecide.Cli.Batch;
using OligoDecide.Engine;
using OligoDecide.Synthetic;
using OligoDecide.Tests.Documents;

namespace OligoDecide.Tests.Cli;

/// <summary>
/// <c>screen</c> reads NDJSON lines straight into the patient and falls back to the strict reader only to report
/// a problem: with the fast path on and off, the decisions and the error report must be the same bytes.
/// </summary>
public class ScreenFastReadTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    private static (byte[] Output, string Errors, BatchSummary Summary) Screen(IReadOnlyList<string> lines, bool fastRead, bool full = false)
    {
        var items = lines.Select((l, i) => new BatchItem("in.ndjson", i + 1, Encoding.UTF8.GetBytes(l), null, i + 1));
        using var output = new MemoryStream();
        var errors = new StringBuilder();
        var summary = new BatchScreener(Engine, 2, full, fastRead).RunAsync(items, output, e => errors.Append(e).Append('\n'), null).GetAwaiter().GetResult();
        return (output.ToArray(), errors.ToString(), summary);
    }

    private static void AssertSameBytes(IReadOnlyList<string> lines, bool full = false)
    {
        var fast = Screen(lines, fastRead: true, full);
        var strict = Screen(lines, fastRead: false, full);

        Assert.That(fast.Output, Is.EqualTo(strict.Output));
        Assert.That(fast.Errors, Is.EqualTo(strict.Errors));
        Assert.That((fast.Summary.Input, fast.Summary.Decisions, fast.Summary.Invalid, fast.Summary.Failed), Is.EqualTo((strict.Summary.Input, strict.Summary.Decisions, strict.Summary.Invalid, strict.Summary.Failed)));
    }

    [Test]
    public void Screen_SeedsInvalidCasesAndGenerated_SameBytesWithAndWithoutTheFastPath()
    {
        var lines = new List<string>();
        lines.AddRange(RepoPaths.SeedCases().Select(f => JsonDocuments.FromYaml(File.ReadAllText(f))));

        // The invalid seeds that are readable YAML, as JSON lines (the alias bomb is not).
        foreach (var name in RepoPaths.SeedNames("invalid"))
        {
            var yaml = File.ReadAllText(RepoPaths.Seed(Path.Combine("invalid", name)));
            if (YamlTreeOrNull(yaml) is not null)
            {
                lines.Add(JsonDocuments.FromYaml(yaml));
            }
        }

        // Documents that only the strict reader can report (or that it reads differently), and YAML on one line.
        lines.AddRange(
        [
            "{\"assessedOn\": \"2024-01-01\", \"assessedOn\": \"2024-01-02\"}",
            "{\"assessedOn\": \"2024-01-01\", \"ageyears\": 60}",
            "{\"assessedOn\": \"2024-01-01\", \"ageYears\": \"60\"}",
            "{\"assessedOn\": \"2024-02-30\"}",
            "{\"assessedOn\": null}",
            "{\"id\": 12, \"assessedOn\": \"2024-01-01\"}",
            "{\"id\": \"\\ud800\", \"assessedOn\": \"2024-01-01\"}",
            "\uFEFF{\"id\": \"bom\", \"assessedOn\": \"2024-01-01\"}",
            "{\"assessedOn\": \"2024-01-01\"} {}",
            "[{\"assessedOn\": \"2024-01-01\"}]",
            "{\"assessedOn\": \"2024-01-01\", \"ecog\": 7}",
            "{\"assessedOn\": \"2024-01-01\", \"metastases\": {\"lesions\": [{\"sizeMm\": 5}]}}",
            "{assessedOn: 2024-01-01, id: yaml-flow}",
            "assessedOn: 2024-01-01",
            "{\"assessedOn\": \"2024-01-01\", \"expect\": {\"state\": \"no-such-state\"}}",
        ]);
        var seeds = lines.Count;
        lines.AddRange(PatientGenerator.Documents(2_000, 77));

        var strict = Screen(lines, fastRead: false);
        Assert.That(strict.Summary.Invalid, Is.GreaterThan(15), "the sample should hold invalid documents");
        Assert.That(strict.Summary.Decisions, Is.GreaterThan(2_000 + seeds / 3), "the sample should hold the valid seeds");
        AssertSameBytes(lines);
        AssertSameBytes(lines, full: true);
    }

    [Test]
    public void Screen_GeneratedWithOneTokenReplaced_SameBytesWithAndWithoutTheFastPath()
    {
        var lines = JsonDocuments.Mutated.Array[1_500].Generate(new PCG(20261129, 1), null, out _);

        AssertSameBytes(lines);
    }

    private static object? YamlTreeOrNull(string yaml) =>
        OligoDecide.Documents.YamlReader.ReadYaml(yaml, "case", OligoDecide.Documents.DocumentLimits.Default, []);
}
