namespace OligoDecide.Fhir.Tests;

public class FhirBundleDocumentTests
{
    [Test]
    public void Parse_NotABundle_ReportsErrorWithoutException()
    {
        var result = FhirBundleDocument.Parse("""{"resourceType":"Patient","id":"p","name":[{"family":"Secretname"}]}""", "in.json", Fixtures.Today);
        Assert.That(result.Patient, Is.Null);
        Assert.That(result.Findings.Single().ToString(), Is.EqualTo("in.json: error: the resource is a Patient, not a Bundle"));
    }

    [Test]
    public void Parse_MalformedJson_ReportsErrorWithoutEchoingData()
    {
        var result = FhirBundleDocument.Parse("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"Secretname"}""", "in.json", Fixtures.Today);
        Assert.That(result.Patient, Is.Null);
        Assert.That(result.Findings, Is.Not.Empty);
        Assert.That(result.Findings.All(f => f.Severity == Severity.Error));
        Assert.That(result.Findings.Select(f => f.ToString()), Has.None.Contains("Secretname"));
    }

    [Test]
    public void Parse_BadValue_ReportsErrorWithoutEchoingTheValue()
    {
        var json = """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","birthDate":"Secretname"}}]}""";
        var result = FhirBundleDocument.Parse(json, "in.json", Fixtures.Today);
        Assert.That(result.Patient, Is.Null);
        Assert.That(result.Findings, Is.Not.Empty);
        Assert.That(result.Findings.Select(f => f.ToString()), Has.None.Contains("Secretname"));
    }

    [Test]
    public void Parse_NotJson_ReportsError()
    {
        var result = FhirBundleDocument.Parse("not json at all", "in.json", Fixtures.Today);
        Assert.That(result.Patient, Is.Null);
        Assert.That(result.Findings.Single().Severity, Is.EqualTo(Severity.Error));
    }

    [Test]
    public void Parse_NoAssessedOnAndNoTimestamp_ReportsError()
    {
        var result = FhirBundleDocument.Parse("""{"resourceType":"Bundle","type":"collection"}""", "in.json");
        Assert.That(result.Patient, Is.Null);
        Assert.That(result.Findings.Single().ToString(), Is.EqualTo("in.json: error: no assessment date: pass assessedOn, or give the Bundle a timestamp"));
    }

    [Test]
    public void Parse_NoAssessedOn_TakesTheTimestampDate()
    {
        var result = FhirBundleDocument.Parse("""{"resourceType":"Bundle","type":"collection","timestamp":"2025-11-20T23:30:00-05:00"}""", "in.json");
        Assert.That(result.GetPatientOrThrow().AssessedOn, Is.EqualTo(new DateOnly(2025, 11, 20)));
    }

    [Test]
    public void Parse_AssessedOnGiven_OverridesTheTimestamp()
    {
        var result = FhirBundleDocument.Parse("""{"resourceType":"Bundle","type":"collection","timestamp":"2025-11-20T10:00:00Z"}""", "in.json", new DateOnly(2025, 12, 1));
        Assert.That(result.GetPatientOrThrow().AssessedOn, Is.EqualTo(new DateOnly(2025, 12, 1)));
    }

    [Test]
    public void Load_MissingFile_ReportsError()
    {
        var result = FhirBundleDocument.Load(Path.Combine(TestContext.CurrentContext.WorkDirectory, "nope.json"));
        Assert.That(result.Findings.Single().ToString(), Is.EqualTo("nope.json: error: the file does not exist"));
    }

    [Test]
    public void Map_DateAfterAssessedOn_IsAValidationError()
    {
        var result = FhirPatientMapper.Map(Fixtures.Bundle(Fixtures.Primary(Fixtures.Cc(Fixtures.Sct, "254626006"))), new DateOnly(2025, 1, 1));
        Assert.That(result.Patient, Is.Null);
        Assert.That(result.Findings.Single().ToString(), Is.EqualTo("<bundle>: error: primary.diagnosedOn: the date 2025-10-28 is after the assessment date (assessedOn 2025-01-01)"));
    }
}
