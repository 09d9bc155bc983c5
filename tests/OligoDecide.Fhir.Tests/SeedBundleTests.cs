using Hl7.Fhir.Serialization;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Fhir.Tests;

/// <summary>Each seed Bundle maps to a patient that classifies like its YAML twin.</summary>
public class SeedBundleTests
{
    private static readonly string[] Seeds = ["synchronous-egfr", "oligoprogression-on-ici", "liver-metastases", "unmapped-codes"];

    [TestCaseSource(nameof(Seeds))]
    public void Load_Seed_ClassifiesLikeYamlTwin(string name)
    {
        var mapped = FhirBundleDocument.Load(Fixtures.SeedPath(name + ".json"));
        var twin = PatientDocument.Load(Fixtures.SeedPath(name + ".yaml"));
        Assert.That(mapped.Findings.Where(f => f.Severity == Severity.Error), Is.Empty);
        // Two liver metastases with nothing else recorded are two entries alike in YAML (the reader warns that they
        // might be one lesion listed twice); in FHIR they are two Conditions with their own ids. Nothing else may warn.
        Assert.That(twin.Findings.Where(f => !f.Message.Contains("identical to lesions[", StringComparison.Ordinal)), Is.Empty);

        var a = OligometastaticClassifier.Default.Classify(mapped.GetPatientOrThrow());
        var b = OligometastaticClassifier.Default.Classify(twin.GetPatientOrThrow());
        Assert.Multiple(() =>
        {
            Assert.That(a.State, Is.EqualTo(b.State));
            Assert.That(a.State.Id(), Is.EqualTo(twin.Expectation!.State));
            Assert.That(a.LesionCount, Is.EqualTo(b.LesionCount));
            Assert.That(a.OrganCount, Is.EqualTo(b.OrganCount));
            Assert.That(a.Missing, Is.EqualTo(b.Missing));
        });
    }

    private static readonly Engine.OligoDecideEngine Engine = OligoDecide.Engine.OligoDecideEngine.CreateDefault();

    [TestCaseSource(nameof(Seeds))]
    public void Evaluate_Seed_SuggestsLikeYamlTwin(string name)
    {
        var a = Engine.Evaluate(FhirBundleDocument.Load(Fixtures.SeedPath(name + ".json")).GetPatientOrThrow());
        var b = Engine.Evaluate(PatientDocument.Load(Fixtures.SeedPath(name + ".yaml")).GetPatientOrThrow());
        Assert.Multiple(() =>
        {
            Assert.That(a.Suggestions.Select(s => (s.Rule, s.SupersededBy)), Is.EqualTo(b.Suggestions.Select(s => (s.Rule, s.SupersededBy))));
            Assert.That(a.CouldApply.Select(c => c.Rule), Is.EqualTo(b.CouldApply.Select(c => c.Rule)));
            Assert.That(a.ActiveOptions, Does.Contain("mdt-discussion").Or.Empty, "every oligometastatic case gets the board discussion");
        });
    }

    [TestCaseSource(nameof(Seeds))]
    public void Load_Seed_MapsTheSameFactsAsYamlTwin(string name)
    {
        var p = FhirBundleDocument.Load(Fixtures.SeedPath(name + ".json")).GetPatientOrThrow();
        var y = PatientDocument.Load(Fixtures.SeedPath(name + ".yaml")).GetPatientOrThrow();
        Assert.Multiple(() =>
        {
            Assert.That(p.AssessedOn, Is.EqualTo(y.AssessedOn));
            Assert.That(p.AgeYears, Is.EqualTo(y.AgeYears));
            Assert.That(p.Sex, Is.EqualTo(y.Sex));
            Assert.That(p.Ecog, Is.EqualTo(y.Ecog));
            Assert.That(p.Primary, Is.EqualTo(y.Primary));
            Assert.That(p.Biomarkers, Is.EqualTo(y.Biomarkers));
            Assert.That(p.History, Is.EqualTo(y.History));
            Assert.That(p.SystemicTherapies, Is.EqualTo(y.SystemicTherapies));
            Assert.That(p.Radiotherapy, Is.EqualTo(y.Radiotherapy));
            Assert.That(p.Metastases?.DiagnosedOn, Is.EqualTo(y.Metastases?.DiagnosedOn));
            Assert.That(p.Metastases?.Lesions, Is.EqualTo(y.Metastases?.Lesions));
        });
    }

    [TestCaseSource(nameof(Seeds))]
    public void Load_Seed_EveryMappedFactNamesAResourceInTheBundle(string name)
    {
        var path = Fixtures.SeedPath(name + ".json");
        var result = FhirBundleDocument.Load(path);
        var bundle = new FhirJsonDeserializer().Deserialize<Hl7.Fhir.Model.Bundle>(File.ReadAllText(path));
        var references = bundle.Entry.Select(e => $"{e.Resource!.TypeName}/{e.Resource.Id}").ToHashSet();
        Assert.That(result.Provenance, Is.Not.Empty);
        Assert.That(result.Provenance.Select(f => f.Resource).Distinct(), Is.SubsetOf(references));
        Assert.That(result.Ignored.Select(f => f.Resource).Distinct(), Is.SubsetOf(references));

        // Every fact the patient holds is listed.
        var p = result.GetPatientOrThrow();
        var facts = result.Provenance.Select(f => f.Path).ToHashSet();
        var expected = new List<string>();
        if (p.Primary?.Histology is not null) expected.Add("primary.histology");
        if (p.Primary?.DiagnosedOn is not null) expected.Add("primary.diagnosedOn");
        if (p.Primary?.StageGroup is not null) expected.Add("primary.stageGroup");
        if (p.Ecog is not null) expected.Add("ecog");
        if (p.Biomarkers?.Pdl1Tps is not null) expected.Add("biomarkers.pdl1Tps");
        if (p.Biomarkers?.Egfr is not null) expected.Add("biomarkers.egfr");
        if (p.History?.Polymetastatic is not null) expected.Add("history.polymetastatic");
        if (p.Metastases?.DiagnosedOn is not null) expected.Add("metastases.diagnosedOn");
        for (var i = 0; i < (p.Metastases?.Lesions?.Count ?? 0); i++)
        {
            expected.Add($"metastases.lesions[{i}].organ");
            if (p.Metastases!.Lesions![i].Status is not null) expected.Add($"metastases.lesions[{i}].status");
        }

        for (var i = 0; i < (p.SystemicTherapies?.Count ?? 0); i++)
        {
            expected.Add($"systemicTherapies[{i}].kind");
            expected.Add($"systemicTherapies[{i}].startedOn");
        }

        Assert.That(expected, Is.SubsetOf(facts));
    }

    [Test]
    public void Load_SynchronousEgfr_ProvenanceNamesResourceAndProfile()
    {
        var result = FhirBundleDocument.Load(Fixtures.SeedPath("synchronous-egfr.json"));
        Assert.That(result.Provenance, Does.Contain(new MappedFact("primary.histology", "Condition/primary", "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition", true)));
        Assert.That(result.Provenance, Does.Contain(new MappedFact("metastases.lesions[1].organ", "Condition/met-adrenal", "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-secondary-cancer-condition", true)));
        Assert.That(result.Provenance, Does.Contain(new MappedFact("biomarkers.egfr", "Observation/egfr", "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-genomic-variant", true)));
    }

    [Test]
    public void Load_LiverMetastases_RecognisesResourcesByCodeAndListsTheRestAsIgnored()
    {
        var result = FhirBundleDocument.Load(Fixtures.SeedPath("liver-metastases.json"));
        Assert.That(result.Provenance.Where(f => f.Path == "primary.histology").Single().ProfileDeclared, Is.False);
        Assert.That(result.Ignored.Select(i => i.Resource), Is.EquivalentTo(new[] { "Observation/weight", "Practitioner/oncologist" }));
        Assert.That(result.Findings, Is.Empty);
    }

    [Test]
    public void Load_UnmappedCodes_WarnsForEachCodeAndLeavesFactsMissing()
    {
        var result = FhirBundleDocument.Load(Fixtures.SeedPath("unmapped-codes.json"));
        var p = result.GetPatientOrThrow();
        Assert.Multiple(() =>
        {
            Assert.That(p.Primary!.Histology, Is.Null);
            Assert.That(p.Primary.StageGroup, Is.Null);
            Assert.That(p.Ecog, Is.Null);
            Assert.That(p.Biomarkers, Is.Null);
            Assert.That(p.History, Is.Null);
            Assert.That(p.SystemicTherapies, Is.Null);
            Assert.That(p.Metastases!.Lesions!.Select(l => l.Status), Is.All.Null);
            Assert.That(result.Findings.All(f => f.Severity == Severity.Warning));
            Assert.That(result.Findings.Select(f => f.Path), Is.SupersetOf(new[]
            {
                "primary.histology", "primary.stageGroup", "ecog", "biomarkers.pdl1Tps", "biomarkers.egfr", "biomarkers",
                "history", "systemicTherapies", "metastases.lesions[0].status",
            }));
        });
        Assert.That(result.Findings.Single(f => f.Path == "primary.histology").ToString(), Is.EqualTo(
            """unmapped-codes.json: warning: primary.histology: Condition/primary: histologyMorphologyBehavior SNOMED CT '128628002' not in the histology tables; primary.histology stays missing"""));
        Assert.That(result.Findings.Single(f => f.Path == "metastases.lesions[0].status").Message, Is.EqualTo(
            """Observation/status-brain: disease status SNOMED CT '399409002' is not in the disease-status table; the lesion status stays missing"""));
    }
}
