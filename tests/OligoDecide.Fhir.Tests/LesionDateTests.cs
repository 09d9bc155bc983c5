using Hl7.Fhir.Model;
using static OligoDecide.Fhir.Tests.Fixtures;

namespace OligoDecide.Fhir.Tests;

/// <summary>A secondary cancer condition's onset gives the lesion's detectedOn; its recordedDate never does (docs/fhir-mapping.md).</summary>
public class LesionDateTests
{
    [Test]
    public void Map_OnsetDateTime_IsTheLesionsDetectedOn()
    {
        var patient = FhirPatientMapper.Map(Bundle(Secondary("m", Cc(Sct, "10200004"))), Today).GetPatientOrThrow();
        Assert.That(patient.Metastases!.Lesions!.Single().DetectedOn, Is.EqualTo(new DateOnly(2025, 11, 5)));
    }

    [Test]
    public void Map_OnsetPeriodStart_IsTheLesionsDetectedOn()
    {
        var c = Secondary("m", Cc(Sct, "10200004"));
        c.Onset = new Period { Start = "2025-10-02" };
        var patient = FhirPatientMapper.Map(Bundle(c), Today).GetPatientOrThrow();
        Assert.That(patient.Metastases!.Lesions!.Single().DetectedOn, Is.EqualTo(new DateOnly(2025, 10, 2)));
    }

    [Test]
    public void Map_OnlyRecordedDate_LeavesDetectedOnUnknownButDatesTheDiagnosis()
    {
        var c = Secondary("m", Cc(Sct, "10200004"));
        c.Onset = null;
        c.RecordedDate = "2025-11-12";
        var patient = FhirPatientMapper.Map(Bundle(c), Today).GetPatientOrThrow();
        Assert.That((patient.Metastases!.Lesions!.Single().DetectedOn, patient.Metastases.DiagnosedOn), Is.EqualTo(((DateOnly?)null, (DateOnly?)new DateOnly(2025, 11, 12))));
    }
}
