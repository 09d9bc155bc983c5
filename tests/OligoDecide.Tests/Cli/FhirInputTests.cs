
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
}
