using OligoDecide.Classification;

namespace OligoDecide.Fhir.Tests;

/// <summary>The integrator example of docs/fhir-mapping.md, compiled and run.</summary>
public class DocsExampleTests
{
    [Test]
    public void FhirMappingDoc_Example_Runs()
    {
        var output = new StringWriter();
        var path = Fixtures.SeedPath("synchronous-egfr.json");

        var result = FhirBundleDocument.Load(path);          // assessedOn: from Bundle.timestamp
        foreach (var finding in result.Findings)
            output.WriteLine(finding);                                // file: warning: path: message
        if (result.Patient is { } patient)
        {
            var classification = OligometastaticClassifier.Default.Classify(patient);
            output.WriteLine($"{classification.State.Id()} ({string.Join(", ", classification.Missing)})");
        }
        foreach (var fact in result.Provenance)
            output.WriteLine($"{fact.Path} <- {fact.Resource}");

        Assert.That(output.ToString(), Does.StartWith("synchronous-oligometastatic ()").And.Contains("primary.histology <- Condition/primary"));
    }
}
