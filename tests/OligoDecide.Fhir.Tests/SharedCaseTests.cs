using System.Text.Json.Nodes;
using OligoDecide.Classification;
using OligoDecide.Engine;
using OligoDecide.Model;

namespace OligoDecide.Fhir.Tests;

/// <summary>
/// The reproducers of issue 13 (third-party FHIR: Synthea, CodeX trial-matching patients, the German MII
/// oncology module, the mCODE IG), copied into <c>cases/</c>, each asserting the right outcome from its
/// <c>.expect.md</c>. The assessment date is each Bundle's timestamp (2025-02-01) unless said otherwise.
/// </summary>
public class SharedCaseTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    private static string CasePath(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "cases", name);

    private static FhirMappingResult Load(string name, DateOnly? assessedOn = null) => FhirBundleDocument.Load(CasePath(name), assessedOn);

    private static ClassificationResult Classify(FhirMappingResult r) => OligometastaticClassifier.Default.Classify(r.GetPatientOrThrow());

    [Test]
    public void Case01_SyntheaStage4ConditionWithoutMetastasis_IsIndeterminateWithLesionsMissingAndAWarning()
    {
        var result = Load("01-stage4-condition-no-mets.json");
        var patient = result.GetPatientOrThrow();
        Assert.That(patient.Primary!.StageGroup, Is.EqualTo("IV"));
        Assert.That(patient.Metastases, Is.EqualTo(new Metastases { Lesions = null }));
        var c = Classify(result);
        Assert.That(c.State, Is.EqualTo(OligometastaticState.Indeterminate));
        Assert.That(c.Missing, Does.Contain("metastases.lesions"));
        Assert.That(result.Findings.Single(f => f.Severity == Severity.Warning && f.Path == "metastases.lesions").Message, Does.Contain("stage group IV"));

        // The stage-bearing Condition is the same cancer, read for its stage: not "a second primary".
        Assert.That(result.Ignored.Single(i => i.Resource == "Condition/stage").Reason, Does.Contain("primary.stageGroup"));
        Assert.That(result.Findings.Select(f => f.Path), Has.None.EqualTo("primary"));
    }

    [Test]
    public void Case01b_StageGroupObservationIva_IsIndeterminateToo()
    {
        var json = JsonNode.Parse(File.ReadAllText(CasePath("01-stage4-condition-no-mets.json")))!;
        json["entry"]!.AsArray().RemoveAt(2); // the Synthea stage Condition
        json["entry"]!.AsArray().Add(JsonNode.Parse("""
            {"resource":{"resourceType":"Observation","id":"sg","status":"final",
             "meta":{"profile":["http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tnm-stage-group"]},
             "code":{"coding":[{"system":"http://snomed.info/sct","code":"399537006"}]},"effectiveDateTime":"2025-01-12",
             "valueCodeableConcept":{"coding":[{"system":"http://cancerstaging.org","code":"IVA"}]}}}
            """));
        var result = FhirBundleDocument.Parse(json.ToJsonString(), "01b.json");
        Assert.That(Classify(result).State, Is.EqualTo(OligometastaticState.Indeterminate));
        Assert.That(result.Findings.Single(f => f.Path == "metastases.lesions").Message, Does.Contain("stage group IVA"));
    }

    [Test]
    public void Case03_OrganFromTheSecondaryCode_WhenBodySiteIsAbsent()
    {
        var result = Load("03-met-organ-code-profile-no-bodysite.json");
        Assert.That(result.GetPatientOrThrow().Metastases!.Lesions!.Single().Organ, Is.EqualTo(Organ.Liver));
        Assert.That(Classify(result).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
        Assert.That(result.Findings, Is.Empty);
    }

    [Test]
    public void Case04_Icd10CmPrimaryAndMetastases_AreReadNeverNoMetastaticDisease()
    {
        var result = Load("04-icd10cm-coded.json");
        var patient = result.GetPatientOrThrow();
        Assert.That(patient.Primary, Is.EqualTo(new PrimaryTumour { DiagnosedOn = new DateOnly(2025, 1, 10) }));
        Assert.That(patient.Metastases!.Lesions!.Select(l => l.Organ), Is.EqualTo(new Organ?[] { Organ.Brain, Organ.Bone }));
        var c = Classify(result);
        Assert.That((c.State, c.LesionCount, c.OrganCount), Is.EqualTo((OligometastaticState.Indeterminate, (int?)2, (int?)2)));
        Assert.That(c.Missing, Does.Contain("history.polymetastatic").And.Contain("systemicTherapies"));
    }

    [Test]
    public void Case08_SuspectedLesions_MakeTheCountUnknown_NotPolymetastatic()
    {
        var result = Load("08-provisional-met-counted.json");
        Assert.That(result.GetPatientOrThrow().Metastases!.Lesions, Is.Null);
        var decision = Engine.Evaluate(result.GetPatientOrThrow());
        Assert.That(decision.Classification.State, Is.EqualTo(OligometastaticState.Indeterminate));
        Assert.That(decision.ActiveOptions, Has.None.EqualTo("systemic-therapy-polymetastatic"));

        // One warning for the three suspected lesions, naming each; each is listed as ignored with its status.
        var warning = result.Findings.Single(f => f.Path == "metastases.lesions");
        Assert.That(warning.Message, Does.StartWith("3 resources (Condition/met2, Condition/met3, Condition/met4): a suspected metastasis"));
        Assert.That(result.Ignored.Select(i => i.Reason), Is.SupersetOf(new[]
        {
            "verificationStatus is provisional: a suspected metastasis, not counted",
            "verificationStatus is differential: a suspected metastasis, not counted",
            "verificationStatus is unconfirmed: a suspected metastasis, not counted",
        }));
    }

    [Test]
    public void Case09_StatusFocusByUrnUuid_IsReadLikeARelativeReference()
    {
        var urn = Load("09-status-focus-urn-uuid.json");
        var relative = Load("09ctl-status-focus-relative.json");
        var status = urn.GetPatientOrThrow().Metastases!.Lesions!.Single().Status;
        Assert.That(status, Is.Not.Null);
        Assert.That(status, Is.EqualTo(relative.GetPatientOrThrow().Metastases!.Lesions!.Single().Status));
        Assert.That(Classify(urn).Missing, Has.None.Contains("status"));
        Assert.That(urn.Provenance.Single(f => f.Path == "metastases.lesions[0].status").Resource, Does.StartWith("Observation/"));
    }

    [Test]
    public void Case12_AnInvalidResourceTheMapperDoesNotUse_IsAWarningNotARefusal()
    {
        var result = Load("12-unrelated-invalid-code-refuses-all.json");
        Assert.That(Classify(result).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
        var warning = result.Findings.Single();
        Assert.That(warning.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(warning.Message, Does.StartWith("MedicationStatement/ms1: not valid FHIR R4 (PVAL116: Value '…' is not a correct code for valueset 'MedicationStatusCodes'."));
        Assert.That(warning.Message, Does.EndWith("; left out"));
        Assert.That(result.Ignored.Single().Resource, Is.EqualTo("MedicationStatement/ms1"));
    }

    [Test]
    public void Case13_NoTimestamp_NeedsAnAssessmentDateAndRunsWithOne()
    {
        var without = Load("13-no-timestamp-cli.json");
        Assert.That(without.Findings.Single().Message, Does.Contain("--assessed-on DATE"));
        var with = Load("13-no-timestamp-cli.json", new DateOnly(2025, 2, 1));
        Assert.That(with.GetPatientOrThrow().AssessedOn, Is.EqualTo(new DateOnly(2025, 2, 1)));
        Assert.That(Classify(with).State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
    }

    [Test]
    public void Case15_IciAsMedicationStatement_IsTherapyEvidence()
    {
        var result = Load("15-ici-as-medicationstatement.json");
        Assert.That(result.GetPatientOrThrow().SystemicTherapies, Is.EqualTo(new[]
        {
            new SystemicTherapy { Name = "pembrolizumab", Kind = TherapyKind.Immunotherapy, StartedOn = new DateOnly(2024, 7, 1), StoppedOn = null, Ongoing = true },
        }));
        Assert.That(result.Provenance.Single(f => f.Path == "systemicTherapies[0].kind").Profile, Does.EndWith("mcode-cancer-related-medication-statement"));
        Assert.That(Classify(result).State, Is.EqualTo(OligometastaticState.MetachronousOligoprogression));
    }

    [Test]
    public void Case17_SyntheaOrdersWithoutTiming_OneGroupedWarningAndTherapiesMissing()
    {
        var result = Load("17-synthea-chemo-orders.json");
        Assert.That(result.GetPatientOrThrow().SystemicTherapies, Is.Null);
        var warning = result.Findings.Single();
        Assert.That(warning.Path, Is.EqualTo("systemicTherapies"));
        Assert.That(warning.Message, Is.EqualTo("4 resources (MedicationRequest/mr1, MedicationRequest/mr2, MedicationRequest/mr3, …): the therapy has no start date in dosageInstruction.timing.repeat.boundsPeriod; systemicTherapies stays missing"));
        Assert.That(Classify(result).Missing, Does.Contain("systemicTherapies"));
    }

    [Test]
    public void Case11_InstantEastOfUtc_IsNotAFutureDate()
    {
        // 2026-11-30T06:00+13:00 is 2026-11-29T17:00Z: assessed on the UTC date 2026-11-29 it is in the past.
        var json = File.ReadAllText(CasePath("03-met-organ-code-profile-no-bodysite.json")).Replace("\"onsetDateTime\": \"2025-01-20\"", "\"onsetDateTime\": \"2026-11-30T06:00:00+13:00\"", StringComparison.Ordinal);
        Assert.That(json, Does.Contain("+13:00"));
        var result = FhirBundleDocument.Parse(json, "11.json", new DateOnly(2026, 11, 29));
        Assert.That(result.GetPatientOrThrow().Metastases!.DiagnosedOn, Is.EqualTo(new DateOnly(2026, 11, 29)));
    }
}
