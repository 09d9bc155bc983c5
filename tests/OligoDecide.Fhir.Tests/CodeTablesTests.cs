using Hl7.Fhir.Model;
using OligoDecide.Model;
using static OligoDecide.Fhir.Tests.Fixtures;

namespace OligoDecide.Fhir.Tests;

/// <summary>Every row of every code table maps as the table says.</summary>
public class CodeTablesTests
{
    private static IEnumerable<TestCaseData> Rows<T>(IReadOnlyList<CodeRow<T>> table) =>
        table.Select(r => new TestCaseData(r.System, r.Code, r.Value).SetArgDisplayNames(r.Code, r.Display));

    private static IEnumerable<TestCaseData> MorphologyRows() => Rows(CodeTables.Morphology);

    private static IEnumerable<TestCaseData> PrimaryRows() => Rows(CodeTables.PrimaryDisorder);

    private static IEnumerable<TestCaseData> SecondaryRows() => Rows(CodeTables.SecondaryDisorder).Concat(Rows(CodeTables.SecondaryIcd10Cm));

    private static IEnumerable<TestCaseData> StagedPrimaryRows() =>
        CodeTables.StagedPrimaryDisorder.Select(r => new TestCaseData(r.System, r.Code, r.Value.Histology, r.Value.StageGroup).SetArgDisplayNames(r.Code, r.Display));

    private static IEnumerable<TestCaseData> PrimaryIcd10CmRows() => Rows(CodeTables.PrimaryIcd10Cm);

    private static IEnumerable<TestCaseData> BodySiteRows() => Rows(CodeTables.BodySite);

    private static IEnumerable<TestCaseData> StatusRows() => Rows(CodeTables.DiseaseStatus);

    private static IEnumerable<TestCaseData> GeneRows() => Rows(CodeTables.Genes);

    private static IEnumerable<TestCaseData> PresenceRows() => Rows(CodeTables.VariantPresence);

    private static IEnumerable<TestCaseData> KindRows() => Rows(CodeTables.ObservationKind);

    private static IEnumerable<TestCaseData> Pdl1QualitativeRows() => Rows(CodeTables.Pdl1Qualitative);

    private static IEnumerable<TestCaseData> DrugRows() => CodeTables.Drugs.Select(d => new TestCaseData(d.RxNorm, d.Name, d.Kind).SetArgDisplayNames(d.Name));

    [TestCaseSource(nameof(MorphologyRows))]
    public void Morphology_Row_GivesHistology(string system, string code, Histology expected)
    {
        var result = FhirPatientMapper.Map(Bundle(Primary(morphology: Cc(system, code))), Today);
        Assert.That(result.GetPatientOrThrow().Primary!.Histology, Is.EqualTo(expected));
        Assert.That(result.Findings, Is.Empty);
    }

    [TestCaseSource(nameof(PrimaryRows))]
    public void PrimaryDisorder_Row_RecognisedWithoutProfile(string system, string code, Histology? expected)
    {
        var result = FhirPatientMapper.Map(Bundle(Primary(Cc(system, code), profile: false)), Today);
        var p = result.GetPatientOrThrow();
        Assert.That(p.Primary!.Histology, Is.EqualTo(expected));
        Assert.That(p.Primary.DiagnosedOn, Is.EqualTo(new DateOnly(2025, 10, 28)));
        Assert.That(result.Provenance.Single(f => f.Path == "primary.diagnosedOn").ProfileDeclared, Is.False);
        Assert.That(result.Findings, Is.Empty);
    }

    [TestCaseSource(nameof(SecondaryRows))]
    public void SecondaryDisorder_Row_RecognisedWithoutProfile_OrganFromTheCodeOrBodySite(string system, string code, Organ? implied)
    {
        // No bodySite: the organ is the one the code implies; a code that implies none leaves it missing (indeterminate, not refused).
        var bare = FhirPatientMapper.Map(Bundle(Secondary("m", null, profile: false, code: Cc(system, code))), Today);
        var lesion = bare.GetPatientOrThrow().Metastases!.Lesions!.Single();
        Assert.That(lesion.Organ, Is.EqualTo(implied));
        Assert.That(bare.Findings.Select(f => f.Path), implied is null ? Is.EqualTo(new[] { "metastases.lesions[0].organ" }) : Is.Empty);

        // A bodySite that agrees (or a code that implies no organ) gives the bodySite's organ.
        var site = implied switch { Organ.Liver => "10200004", Organ.Bone => "272673000", Organ.Adrenal => "23451007", Organ.Lung => "39607008", Organ.Pleura => "3120008", _ => "12738006" };
        var withSite = FhirPatientMapper.Map(Bundle(Secondary("m", Cc(Sct, site), profile: false, code: Cc(system, code))), Today).GetPatientOrThrow();
        var expected = implied is null or Organ.Liver or Organ.Bone or Organ.Adrenal or Organ.Lung or Organ.Pleura or Organ.Brain ? CodeTables.Find(CodeTables.BodySite, Sct, site) : (Organ?)null;
        Assert.That(withSite.Metastases!.Lesions!.Single().Organ, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(StagedPrimaryRows))]
    public void StagedPrimary_Row_GivesHistologyAndStageGroup(string system, string code, Histology histology, string stageGroup)
    {
        var result = FhirPatientMapper.Map(Bundle(Primary(Cc(system, code), profile: false)), Today);
        var p = result.GetPatientOrThrow();
        Assert.That((p.Primary!.Histology, p.Primary.StageGroup), Is.EqualTo(((Histology?)histology, stageGroup)));
    }

    [TestCaseSource(nameof(PrimaryIcd10CmRows))]
    public void PrimaryIcd10Cm_Row_IsALungPrimaryWithoutHistology(string system, string code, Histology? _)
    {
        var result = FhirPatientMapper.Map(Bundle(Primary(Cc(system, code), profile: false)), Today);
        Assert.That(result.GetPatientOrThrow().Primary!.DiagnosedOn, Is.EqualTo(new DateOnly(2025, 10, 28)));
        Assert.That(result.Provenance.Single(f => f.Path == "primary.diagnosedOn").Resource, Is.EqualTo("Condition/primary"));
        Assert.That(result.Ignored, Is.Empty);
    }

    [TestCaseSource(nameof(BodySiteRows))]
    public void BodySite_Row_GivesOrgan(string system, string code, Organ expected)
    {
        var result = FhirPatientMapper.Map(Bundle(Secondary("m", Cc(system, code))), Today);
        var p = result.GetPatientOrThrow();
        Assert.That(p.Metastases!.Lesions!.Single().Organ, Is.EqualTo(expected));
        Assert.That(p.Metastases.DiagnosedOn, Is.EqualTo(new DateOnly(2025, 11, 5)));
    }

    [TestCaseSource(nameof(StatusRows))]
    public void DiseaseStatus_Row_GivesLesionStatus(string system, string code, LesionStatus? expected)
    {
        var status = Obs("s", Cc(Lnc, "97509-4"), Cc(system, code), "mcode-cancer-disease-status");
        status.Focus.Add(new ResourceReference("Condition/m"));
        var result = FhirPatientMapper.Map(Bundle(Secondary("m", Cc(Sct, "10200004")), status), Today);
        Assert.That(result.GetPatientOrThrow().Metastases!.Lesions!.Single().Status, Is.EqualTo(expected));
        Assert.That(result.Findings, Is.Empty);
    }

    [TestCaseSource(nameof(GeneRows))]
    public void Gene_Row_AbsentForTheGeneIsNegative(string system, string code, object geneValue)
    {
        var gene = (Gene)geneValue;
        var b = FhirPatientMapper.Map(Bundle(Variant("v", code, present: false)), Today).GetPatientOrThrow().Biomarkers!;
        object? status = gene switch { Gene.Egfr => b.Egfr, Gene.Alk => b.Alk, Gene.Ros1 => b.Ros1, _ => b.Kras };
        Assert.That(status?.ToString(), Is.EqualTo("Negative"));
    }

    [TestCaseSource(nameof(PresenceRows))]
    public void Presence_Row_ReadFromValueAndFromInterpretation(string system, string code, bool present)
    {
        foreach (var asInterpretation in new[] { false, true })
        {
            var p = FhirPatientMapper.Map(Bundle(Variant("v", "HGNC:3236", null, "exon 19 deletion", Cc(system, code), asInterpretation)), Today).GetPatientOrThrow();
            Assert.That(p.Biomarkers?.Egfr, Is.EqualTo(present ? EgfrStatus.Exon19Deletion : null), $"interpretation: {asInterpretation}");
        }
    }

    [TestCaseSource(nameof(KindRows))]
    public void ObservationKind_Row_RecognisedWithoutProfile(string system, string code, string profile)
    {
        DataType? value = profile.EndsWith("ecog-performance-status", StringComparison.Ordinal) ? new Integer(2)
            : profile.EndsWith("tumor-marker-test", StringComparison.Ordinal) ? new Quantity(40, "%") { Code = "%" }
            : profile.EndsWith("history-of-metastatic-cancer", StringComparison.Ordinal) ? new FhirBoolean(false)
            : profile.EndsWith("tnm-stage-group", StringComparison.Ordinal) ? Cc("http://cancerstaging.org", "IVA")
            : null;
        var o = Obs("o", Cc(system, code), value);
        if (profile.EndsWith("genomic-variant", StringComparison.Ordinal))
        {
            o = Variant("o", "HGNC:427", true);
            o.Meta = null;
        }

        if (profile.EndsWith("cancer-disease-status", StringComparison.Ordinal))
        {
            o.Value = Cc(Sct, "359746009");
            o.Focus.Add(new ResourceReference("Condition/m"));
        }

        if (profile.EndsWith("tnm-distant-metastases-category", StringComparison.Ordinal))
        {
            // M0 and no metastasis: the record says there is no metastatic disease, and the fact names the Observation.
            o.Value = Cc("http://cancerstaging.org", "cM0");
            var m0 = FhirPatientMapper.Map(Bundle(o), Today);
            Assert.That(m0.GetPatientOrThrow().Metastases, Is.Null);
            Assert.That(m0.Provenance.Single(), Is.EqualTo(new MappedFact("metastases", "Observation/o", profile, false)));
            return;
        }

        var result = FhirPatientMapper.Map(Bundle(o, Secondary("m", Cc(Sct, "12738006"))), Today);
        Assert.That(result.Ignored, Is.Empty);
        Assert.That(result.Provenance.Where(f => f.Resource == "Observation/o").Select(f => f.Profile).Distinct(), Is.EqualTo(new[] { profile }));
    }

    [TestCaseSource(nameof(Pdl1QualitativeRows))]
    public void Pdl1Qualitative_Row_WarnsThatItGivesNoTps(string system, string code, string _)
    {
        var result = FhirPatientMapper.Map(Bundle(Obs("o", Cc(system, code), Cc(Lnc, "LA6576-8"), "mcode-tumor-marker-test")), Today);
        Assert.That(result.GetPatientOrThrow().Biomarkers, Is.Null);
        Assert.That(result.Findings.Single().Message, Is.EqualTo($"Observation/o: PD-L1 LOINC '{code}' is a qualitative result, not a TPS; biomarkers.pdl1Tps stays missing unless LOINC 83053-9 is sent"));
    }

    [Test]
    public void Pdl1Tps_Percent_GivesTps()
    {
        var p = FhirPatientMapper.Map(Bundle(Obs("o", Cc(Lnc, "83053-9"), new Quantity(55, "%") { Code = "%" }, "mcode-tumor-marker-test")), Today).GetPatientOrThrow();
        Assert.That(p.Biomarkers!.Pdl1Tps, Is.EqualTo(55m));
    }

    [TestCaseSource(nameof(DrugRows))]
    public void Drug_Row_ByRxNormAndByName(string? rxnorm, string name, TherapyKind kind)
    {
        if (rxnorm is not null)
        {
            var byCode = FhirPatientMapper.Map(Bundle(Request("m", Cc(Rxn, rxnorm), "2025-01-01")), Today).GetPatientOrThrow();
            Assert.That(byCode.SystemicTherapies!.Single().Kind, Is.EqualTo(kind));
        }

        var byName = FhirPatientMapper.Map(Bundle(Request("m", new CodeableConcept { Text = name.ToUpperInvariant() + " 200 mg" }, "2025-01-01", "2025-03-01", profile: true)), Today).GetPatientOrThrow();
        Assert.That(byName.SystemicTherapies!.Single(), Is.EqualTo(new SystemicTherapy { Name = name, Kind = kind, StartedOn = new DateOnly(2025, 1, 1), StoppedOn = new DateOnly(2025, 3, 1) }));
    }

    [Test]
    public void RadiotherapyCourse_RecognisedWithoutProfile_DoseInGy()
    {
        var p = new Procedure { Id = "rt", Status = EventStatus.Completed, Code = Cc(Sct, "1217123003"), Performed = new Period(new FhirDateTime("2025-02-03"), new FhirDateTime("2025-02-07")) };
        var dose = new Extension { Url = M + "mcode-radiotherapy-dose-delivered-to-volume" };
        dose.Extension.Add(new Extension("totalDoseDelivered", new Quantity(2700, "cGy") { Code = "cGy" }));
        dose.Extension.Add(new Extension("fractionsDelivered", new UnsignedInt(3)));
        p.Extension.Add(dose);
        var result = FhirPatientMapper.Map(Bundle(p), Today);
        Assert.That(result.GetPatientOrThrow().Radiotherapy!.Single(), Is.EqualTo(new RadiotherapyCourse { DoseGy = 27m, Fractions = 3, StartedOn = new DateOnly(2025, 2, 3), StoppedOn = new DateOnly(2025, 2, 7) }));
        Assert.That(result.Provenance.Select(f => f.Path), Is.EquivalentTo(new[] { "radiotherapy[0].startedOn", "radiotherapy[0].stoppedOn", "radiotherapy[0].doseGy", "radiotherapy[0].fractions" }));
    }
}
