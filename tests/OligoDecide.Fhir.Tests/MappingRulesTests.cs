using Hl7.Fhir.Model;
using OligoDecide.Model;
using static OligoDecide.Fhir.Tests.Fixtures;

namespace OligoDecide.Fhir.Tests;

public class MappingRulesTests
{
    [TestCase("NP_005219.2:p.(Leu858Arg)", EgfrStatus.L858r)]
    [TestCase("p.L858R", EgfrStatus.L858r)]
    [TestCase("EGFR exon 19 deletion", EgfrStatus.Exon19Deletion)]
    [TestCase("p.E746_A750del", EgfrStatus.Exon19Deletion)]
    [TestCase("exon 20 insertion", EgfrStatus.Exon20Insertion)]
    [TestCase("p.G719A", null)]
    public void Egfr_PresentVariant_MapsOnlyNamedVariants(string variant, EgfrStatus? expected)
    {
        var result = FhirPatientMapper.Map(Bundle(Variant("v", "HGNC:3236", true, variant)), Today);
        Assert.That(result.GetPatientOrThrow().Biomarkers?.Egfr, Is.EqualTo(expected));
        Assert.That(result.Findings, expected is null ? Is.Not.Empty : Is.Empty);
    }

    [TestCase("p.G12C", KrasStatus.G12c)]
    [TestCase("p.(Gly12Cys)", KrasStatus.G12c)]
    [TestCase("p.G12D", KrasStatus.Other)]
    [TestCase("KRAS mutation", null)]
    public void Kras_PresentVariant_G12cOrOtherOnlyWhenTheProteinChangeIsNamed(string variant, KrasStatus? expected)
    {
        var p = FhirPatientMapper.Map(Bundle(Variant("v", "HGNC:6407", true, variant)), Today).GetPatientOrThrow();
        Assert.That(p.Biomarkers?.Kras, Is.EqualTo(expected));
    }

    [Test]
    public void Egfr_OneVariantAbsent_DoesNotMakeEgfrNegative()
    {
        var result = FhirPatientMapper.Map(Bundle(Variant("v", "HGNC:3236", false, "p.L858R")), Today);
        Assert.That(result.GetPatientOrThrow().Biomarkers, Is.Null);
        Assert.That(result.Findings.Single().Path, Is.EqualTo("biomarkers.egfr"));
    }

    [Test]
    public void Egfr_ConflictingResults_StayMissingWithWarning()
    {
        var result = FhirPatientMapper.Map(Bundle(Variant("a", "HGNC:3236", true, "p.L858R"), Variant("b", "HGNC:3236", false)), Today);
        Assert.That(result.GetPatientOrThrow().Biomarkers, Is.Null);
        Assert.That(result.Findings.Single().Message, Is.EqualTo("Observation/a, Observation/b give different EGFR results; biomarkers.egfr stays missing"));
    }

    [TestCase("IVA", "IVA")]
    [TestCase("cIIIB", "IIIB")]
    [TestCase("4A", null)]
    public void StageGroup_AjccCode(string code, string? expected)
    {
        var p = FhirPatientMapper.Map(Bundle(Obs("s", Cc(Sct, "399537006"), Cc("http://cancerstaging.org", code), "mcode-tnm-stage-group")), Today).GetPatientOrThrow();
        Assert.That(p.Primary?.StageGroup, Is.EqualTo(expected));
    }

    [Test]
    public void StageGroup_SnomedAjccDisplay()
    {
        var p = FhirPatientMapper.Map(Bundle(Obs("s", Cc(Sct, "399537006"), Cc(Sct, "1222769001", "American Joint Committee on Cancer stage IIB (qualifier value)"), "mcode-tnm-stage-group")), Today).GetPatientOrThrow();
        Assert.That(p.Primary!.StageGroup, Is.EqualTo("IIB"));
    }

    [Test]
    public void Histology_MorphologyAndCodeDisagree_StaysMissingWithWarning()
    {
        var result = FhirPatientMapper.Map(Bundle(Primary(Cc(Sct, "254634000"), Cc(Sct, "1187332001"))), Today);
        Assert.That(result.GetPatientOrThrow().Primary!.Histology, Is.Null);
        Assert.That(result.Findings.Single().Path, Is.EqualTo("primary.histology"));
    }

    [Test]
    public void Histology_NsclcCodeWithAdenocarcinomaMorphology_IsAdenocarcinoma()
    {
        var p = FhirPatientMapper.Map(Bundle(Primary(Cc(Sct, "254637007"), Cc(Sct, "1187332001"))), Today).GetPatientOrThrow();
        Assert.That(p.Primary!.Histology, Is.EqualTo(Histology.Adenocarcinoma));
    }

    [Test]
    public void Lesion_UnknownBodySite_WarnsAndLeavesTheOrganMissingWithoutRefusingThePatient()
    {
        var result = FhirPatientMapper.Map(Bundle(Secondary("m", Cc(Sct, "71854001"))), Today);
        Assert.That(result.Findings.Select(f => f.ToString()), Is.EqualTo(new[]
        {
            "<bundle>: warning: metastases.lesions[0].organ: Condition/m: bodySite SNOMED CT '71854001' is not in the body-site table and Condition.code names no organ; the organ stays missing",
        }));
        var classification = OligoDecide.Classification.OligometastaticClassifier.Default.Classify(result.GetPatientOrThrow());
        Assert.That(classification.State, Is.EqualTo(OligoDecide.Classification.OligometastaticState.Indeterminate));
        Assert.That(classification.Missing, Is.EqualTo(new[] { "metastases.lesions[0].organ" }));
    }

    [Test]
    public void Lesion_ResolvedCondition_IsIgnored()
    {
        var c = Secondary("m", Cc(Sct, "12738006"));
        c.ClinicalStatus = Cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved");
        var result = FhirPatientMapper.Map(Bundle(c), Today);

        // Not current, and nothing else says whether there is metastatic disease now: unknown, never "none".
        Assert.That(result.GetPatientOrThrow().Metastases, Is.EqualTo(new Metastases { Lesions = null }));
        Assert.That(result.Ignored.Single(), Is.EqualTo(new IgnoredResource("Condition/m", "clinicalStatus is resolved: not current metastatic disease")));
    }

    [Test]
    public void Therapies_ChemoAndIciInTheSamePeriod_AreChemoImmunotherapy()
    {
        var p = FhirPatientMapper.Map(Bundle(
            Request("a", Cc(Rxn, "40048"), "2025-01-06", "2025-03-10"),
            Request("b", new CodeableConcept { Text = "pemetrexed" }, "2025-01-06"),
            Request("c", Cc(Rxn, "1547545"), "2025-01-06"),
            Request("d", Cc(Rxn, "1721560"), "2023-01-01", "2024-01-01")), Today).GetPatientOrThrow();
        Assert.That(p.SystemicTherapies, Is.EqualTo(new[]
        {
            new SystemicTherapy { Name = "osimertinib", Kind = TherapyKind.EgfrTki, StartedOn = new DateOnly(2023, 1, 1), StoppedOn = new DateOnly(2024, 1, 1) },
            new SystemicTherapy { Name = "carboplatin + pemetrexed + pembrolizumab", Kind = TherapyKind.ChemoImmunotherapy, StartedOn = new DateOnly(2025, 1, 6), Ongoing = true },
        }));
    }

    [Test]
    public void Therapies_TkiWithChemo_StayTwoLines()
    {
        var p = FhirPatientMapper.Map(Bundle(Request("a", Cc(Rxn, "40048"), "2025-01-06", "2025-03-10"), Request("b", Cc(Rxn, "1721560"), "2025-01-06")), Today).GetPatientOrThrow();
        Assert.That(p.SystemicTherapies!.Select(t => t.Kind), Is.EqualTo(new TherapyKind?[] { TherapyKind.Chemotherapy, TherapyKind.EgfrTki }));
    }

    [Test]
    public void Therapies_FinishedWithoutEndDate_LeaveTherapiesMissing()
    {
        var m = Request("a", Cc(Rxn, "40048"), "2025-01-06");
        m.Status = MedicationRequest.MedicationrequestStatus.Completed;
        var result = FhirPatientMapper.Map(Bundle(m, Request("b", Cc(Rxn, "1547545"), "2025-01-06")), Today);
        Assert.That(result.GetPatientOrThrow().SystemicTherapies, Is.Null);
        Assert.That(result.Findings.Single().Message, Is.EqualTo("MedicationRequest/a: the therapy is not active but has no end date in dosageInstruction.timing.repeat.boundsPeriod; systemicTherapies stays missing"));
    }

    [Test]
    public void Therapies_UnprofiledUnknownDrug_IsIgnoredWithoutWarning()
    {
        var result = FhirPatientMapper.Map(Bundle(Request("a", new CodeableConcept { Text = "paracetamol" }, "2025-01-06")), Today);
        Assert.That(result.GetPatientOrThrow().SystemicTherapies, Is.Null);
        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Ignored.Single().Resource, Is.EqualTo("MedicationRequest/a"));
    }

    [Test]
    public void PartialOnsetDate_StaysMissingWithWarning()
    {
        var c = Primary(Cc(Sct, "254626006"));
        c.Onset = new FhirDateTime("2025-10");
        var result = FhirPatientMapper.Map(Bundle(c), Today);
        Assert.That(result.GetPatientOrThrow().Primary!.DiagnosedOn, Is.Null);
        Assert.That(result.Findings.Single().Message, Is.EqualTo("Condition/primary: onsetDateTime is a partial date; primary.diagnosedOn stays missing rather than guess the day"));
    }

    [Test]
    public void Patient_BirthDateAndGender_GiveAgeAndSex()
    {
        var p = FhirPatientMapper.Map(Bundle(new Hl7.Fhir.Model.Patient { Id = "p", Gender = AdministrativeGender.Female, BirthDate = "1967-11-21" }), Today).GetPatientOrThrow();
        Assert.That((p.AgeYears, p.Sex), Is.EqualTo((57, (Sex?)Sex.Female)));
    }

    [Test]
    public void UnreadMetastasisCode_WithStageIII_IsNotNoMetastaticDisease()
    {
        // Stage III alone would say "no metastatic disease"; a Condition that looks like a metastasis in a code
        // the tables do not hold makes the lesions unknown instead.
        var stage = Obs("s", Cc(Sct, "399537006"), Cc("http://cancerstaging.org", "IIIA"), "mcode-tnm-stage-group");
        var pleura = new Condition { Id = "x", Code = Cc(Sct, "94388003", "Secondary malignant neoplasm of pleura (disorder)"), Onset = new FhirDateTime("2025-11-05") };
        var result = FhirPatientMapper.Map(Bundle(stage, pleura), Today);
        Assert.That(result.GetPatientOrThrow().Metastases, Is.EqualTo(new Metastases { Lesions = null }));
        Assert.That(result.Findings.Single().Message, Is.EqualTo("Condition/x: Condition.code SNOMED CT '94388003' looks like a metastasis (its text or an ICD-10-CM C77–C80 code) but is not one OligoDecide reads; metastases.lesions stays missing"));

        var without = FhirPatientMapper.Map(Bundle(stage), Today);
        Assert.That(without.GetPatientOrThrow().Metastases, Is.Null);
        Assert.That(without.Provenance.Single(f => f.Path == "metastases").Resource, Is.EqualTo("Observation/s"));
    }

    [TestCase("cM1b", true)]
    [TestCase("M0", false)]
    public void MCategory_WithoutMetastasisConditions_DecidesOnlyWhenItSaysSo(string m, bool metastatic)
    {
        var o = Obs("m", Cc(Sct, "399387003"), Cc("http://cancerstaging.org", m));
        var result = FhirPatientMapper.Map(Bundle(o), Today);
        Assert.That(result.GetPatientOrThrow().Metastases, metastatic ? Is.EqualTo(new Metastases { Lesions = null }) : Is.Null);
        Assert.That(result.Findings.Select(f => f.Path), metastatic ? Is.EqualTo(new[] { "metastases.lesions" }) : Is.Empty);
    }

    [Test]
    public void NothingAboutMetastases_IsUnknownNotNone()
    {
        var result = FhirPatientMapper.Map(Bundle(Primary(Cc(Sct, "254626006"))), Today);
        Assert.That(result.GetPatientOrThrow().Metastases, Is.EqualTo(new Metastases { Lesions = null }));
        Assert.That(OligoDecide.Classification.OligometastaticClassifier.Default.Classify(result.GetPatientOrThrow()).State, Is.EqualTo(OligoDecide.Classification.OligometastaticState.Indeterminate));
    }

    [Test]
    public void AbatedMetastasis_IsNotCurrent_AndOnsetPeriodStartIsAnOnset()
    {
        var abated = Secondary("a", Cc(Sct, "12738006"));
        abated.Abatement = new FhirDateTime("2025-11-10");
        var current = Secondary("b", Cc(Sct, "10200004"));
        current.Onset = new Period { StartElement = new FhirDateTime("2025-11-01") };
        var result = FhirPatientMapper.Map(Bundle(abated, current), Today);
        var metastases = result.GetPatientOrThrow().Metastases!;
        Assert.That(metastases.Lesions!.Single().Organ, Is.EqualTo(Organ.Liver));
        Assert.That(metastases.DiagnosedOn, Is.EqualTo(new DateOnly(2025, 11, 1)));
        Assert.That(result.Ignored.Single().Resource, Is.EqualTo("Condition/a"));
    }

    [Test]
    public void AbsoluteReference_ToAMedication_Resolves()
    {
        var med = new Medication { Id = "med", Code = Cc(Rxn, "1547545") };
        var request = Request("r", Cc(Rxn, "0"), "2025-01-06");
        request.Medication = new ResourceReference("http://ehr.example/fhir/Medication/med/_history/2");
        var p = FhirPatientMapper.Map(Bundle(med, request), Today).GetPatientOrThrow();
        Assert.That(p.SystemicTherapies!.Single().Kind, Is.EqualTo(TherapyKind.Immunotherapy));
    }
}
