
namespace OligoDecide.Tests.Cli;

public sealed class FhirInputTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Test]
    public void Suggest_FhirBundle_GivesTheSameDecisionAsItsYamlTwin()
    {
        var bundle = Run("suggest", RepoPaths.Seed("fhir/synchronous-egfr.json"), "--format", "json");
        var twin = Run("suggest", RepoPaths.Seed("fhir/synchronous-egfr.yaml"), "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(bundle.Code, Is.Zero, bundle.Err);
            Assert.That(bundle.Out, Is.EqualTo(twin.Out));
        });
    }

    [Test]
    public void Classify_BundleWithUnmappedCodes_WarnsOnStderrAndStaysIndeterminate()
    {
        var (code, output, err) = Run("classify", RepoPaths.Seed("fhir/unmapped-codes.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Does.StartWith("State: indeterminate"));
            Assert.That(err, Does.Contain("unmapped-codes.json: warning: primary.histology:"));
        });
    }

    [Test]
    public void Suggest_JsonThatIsNotABundle_IsReadAsAPatientDocument()
    {
        var path = Path.Combine(Path.GetTempPath(), $"od-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "resourceType": "Patient", "assessedOn": "2026-01-01" }""");
        try
        {
            var (code, _, err) = Run("suggest", path);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(2));
                Assert.That(err, Does.Contain("unknown key 'resourceType'"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Issue 13's reproducers, kept with the FHIR tests.</summary>
    private static string Case(string name) => Path.Combine(RepoPaths.Root, "tests", "OligoDecide.Fhir.Tests", "cases", name);

    [TestCase("classify")]
    [TestCase("suggest")]
    public void AssessedOn_LetsABundleWithoutTimestampRun(string command)
    {
        var without = Run(command, Case("13-no-timestamp-cli.json"));
        var with = Run(command, Case("13-no-timestamp-cli.json"), "--assessed-on", "2025-02-01");
        Assert.Multiple(() =>
        {
            Assert.That(without.Code, Is.EqualTo(2));
            Assert.That(without.Err, Does.Contain("--assessed-on DATE"));
            Assert.That(with.Code, Is.Zero, with.Err);
            Assert.That(with.Out, Does.Contain("synchronous-oligometastatic"));
        });
    }

    [Test]
    public void AssessedOn_Explain_ReadsTheBundle()
    {
        var (code, output, err) = Run("explain", "mdt-discussion", Case("13-no-timestamp-cli.json"), "--assessed-on", "2025-02-01");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("classification.oligometastatic"));
    }

    [Test]
    public void AssessedOn_NotADate_IsAUsageError()
    {
        var (code, _, err) = Run("classify", Case("13-no-timestamp-cli.json"), "--assessed-on", "2025-13-01");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--assessed-on must be a date written YYYY-MM-DD"));
    }

    [Test]
    public void AssessedOn_TestCoverageAndScreen_ReadBundlesInAFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"od-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        File.Copy(Case("13-no-timestamp-cli.json"), Path.Combine(dir, "13.json"));
        try
        {
            var testWithout = Run("test", dir);
            var test = Run("test", dir, "--assessed-on", "2025-02-01");
            var coverage = Run("coverage", dir, "--assessed-on", "2025-02-01", "--format", "json");
            var screen = Run("screen", dir, "--assessed-on", "2025-02-01");
            Assert.Multiple(() =>
            {
                Assert.That(testWithout.Code, Is.EqualTo(2));
                Assert.That(testWithout.Out, Does.Contain("INVALID"));
                Assert.That(test.Code, Is.Zero, test.Err);
                Assert.That(test.Out, Does.Contain("0 passed, 0 failed, 0 invalid, 1 without expect"));
                Assert.That(coverage.Code, Is.Zero, coverage.Err);
                Assert.That(coverage.Out, Does.Contain("\"cases\": 1"));
                Assert.That(screen.Code, Is.Zero, screen.Err);
                Assert.That(screen.Out, Does.Contain("\"state\":\"synchronous-oligometastatic\""));
            });
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void RepeatedWarnings_AreOneLineWithTheCount()
    {
        var (code, _, err) = Run("classify", Case("17-synthea-chemo-orders.json"));
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.Zero);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.Contain("warning: systemicTherapies: 4 resources (MedicationRequest/mr1, MedicationRequest/mr2, MedicationRequest/mr3, …): the therapy has no start date"));
    }

    [Test]
    public void Suggest_Json_CarriesMappingWarningsAndIgnoredResources()
    {
        var (code, output, err) = Run("suggest", Case("08-provisional-met-counted.json"), "--format", "json");
        Assert.That(code, Is.Zero, err);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var warnings = doc.RootElement.GetProperty("warnings");
        var input = warnings.GetProperty("input");
        Assert.That(input.GetArrayLength(), Is.EqualTo(1));
        Assert.That(input[0].GetProperty("path").GetString(), Is.EqualTo("metastases.lesions"));
        Assert.That(input[0].GetProperty("message").GetString(), Does.StartWith("3 resources (Condition/met2, Condition/met3, Condition/met4): a suspected metastasis"));
        var ignored = warnings.GetProperty("ignored").EnumerateArray().Select(i => (i.GetProperty("resource").GetString(), i.GetProperty("reason").GetString())).ToList();
        Assert.That(ignored, Does.Contain(("Condition/met2", "verificationStatus is provisional: a suspected metastasis, not counted")));
        Assert.That(doc.RootElement.GetProperty("classification").GetProperty("state").GetString(), Is.EqualTo("indeterminate"));
    }

    [Test]
    public void PrintFindings_IdenticalLines_AreOneLineWithTheCount()
    {
        var err = new StringWriter();
        var same = new Finding(Severity.Warning, "a cause", "a.json", 0, 0, "ecog");
        OligoDecide.Cli.Commands.PrintFindings([same, new Finding(Severity.Warning, "another cause", "a.json", 0, 0, "ecog"), same, same], new OligoDecide.Cli.CliIo(TextWriter.Null, err));
        Assert.That(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "a.json: warning: ecog: a cause (repeated 3 times)",
            "a.json: warning: ecog: another cause",
        }));
    }

    [Test]
    public void AssessedOn_Report_WritesThePageForABundleWithoutTimestamp()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"od-{Guid.NewGuid():N}");
        try
        {
            var without = Run("report", Case("13-no-timestamp-cli.json"), "--out", dir);
            var with = Run("report", Case("13-no-timestamp-cli.json"), "--assessed-on", "2025-02-01", "--out", dir);
            Assert.Multiple(() =>
            {
                Assert.That(without.Code, Is.EqualTo(2));
                Assert.That(with.Code, Is.Zero, with.Err);
                Assert.That(Directory.GetFiles(dir, "*.html"), Is.Not.Empty);
            });
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }
}
