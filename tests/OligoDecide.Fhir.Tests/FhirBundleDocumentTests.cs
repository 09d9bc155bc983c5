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
    public void Parse_BadValueInOneEntry_LeavesTheEntryOutWithAWarningWithoutEchoingTheValue()
    {
        var json = """{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p","birthDate":"Secretname"}}]}""";
        var result = FhirBundleDocument.Parse(json, "in.json", Fixtures.Today);
        Assert.That(result.Patient, Is.Not.Null);
        Assert.That(result.Patient!.AgeYears, Is.Null);
        Assert.That(result.Findings.Single().Severity, Is.EqualTo(Severity.Warning));
        Assert.That(result.Findings.Single().Message, Does.StartWith("Patient/p: not valid FHIR R4 ("));
        Assert.That(result.Ignored.Single().Resource, Is.EqualTo("Patient/p"));
        Assert.That(result.Findings.Select(f => f.ToString()).Concat(result.Ignored.Select(i => i.Reason)), Has.None.Contains("Secretname"));
    }

    [Test]
    public void Parse_Stu3Bundle_OneErrorNamingStu3()
    {
        var json = """{"resourceType":"Bundle","type":"collection","timestamp":"2025-11-20T10:00:00Z","entry":[{"resource":{"resourceType":"Condition","id":"c","clinicalStatus":"active","verificationStatus":"confirmed","code":{"coding":[{"system":"http://snomed.info/sct","code":"254637007"}]}}}]}""";
        var result = FhirBundleDocument.Parse(json, "in.json");
        Assert.That(result.Patient, Is.Null);
        Assert.That(result.Findings.Single().ToString(), Is.EqualTo("in.json: error: this Bundle is FHIR STU3 (Condition.clinicalStatus is a code, as in STU3); OligoDecide reads FHIR R4 (4.0.1): convert the Bundle to R4 first"));
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
        Assert.That(result.Findings.Single().ToString(), Is.EqualTo("in.json: error: no assessment date: pass assessedOn (on the command line --assessed-on DATE), or give the Bundle a timestamp"));
    }

    [Test]
    public void Parse_NoAssessedOn_TakesTheLaterOfTheTimestampsLocalAndUtcDate()
    {
        // 23:30 at UTC-5 is already 2025-11-21 in UTC: an instant written in UTC that day is not "in the future".
        var west = FhirBundleDocument.Parse("""{"resourceType":"Bundle","type":"collection","timestamp":"2025-11-20T23:30:00-05:00"}""", "in.json");
        Assert.That(west.GetPatientOrThrow().AssessedOn, Is.EqualTo(new DateOnly(2025, 11, 21)));

        // 07:00 at UTC+13 is still 2025-11-29 in UTC: a date-only value written locally that day (11-30) is not "in the future".
        var east = FhirBundleDocument.Parse("""{"resourceType":"Bundle","type":"collection","timestamp":"2026-11-30T07:00:00+13:00"}""", "in.json");
        Assert.That(east.GetPatientOrThrow().AssessedOn, Is.EqualTo(new DateOnly(2026, 11, 30)));
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
