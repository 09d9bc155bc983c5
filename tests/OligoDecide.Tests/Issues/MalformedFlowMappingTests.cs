using OligoDecide.Documents;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Issues;

/// <summary>Found by the loader fuzz tests (issue 7): YamlDotNet threw InvalidOperationException.</summary>
public class MalformedFlowMappingTests
{
    [Test]
    public void Parse_UnclosedFlowMappingBeforePlainScalarWithSpace_ReportsMalformedYaml()
    {
        const string text = """
            assessedOn: 2025-07-24
            radiotherapy:
              - { site: brain (SRS), doseGy: 20, stoppedOn: 2024-02-20 7-08
              imaging: [fdg-pet-ct, brain-mri]
            """;

        var result = PatientDocument.Parse(text, "case.yaml");

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Findings.Single().Message, Does.StartWith("malformed YAML"));
    }
}
