using System.Text.Json;
using System.Text.Json.Nodes;
using OligoDecide.Classification;
using OligoDecide.Model;

namespace OligoDecide.Fhir.Tests;

/// <summary>
/// Checks against the mCODE IG package (hl7.fhir.us.mcode 4.0.0, CC0): the generated code table against the
/// package's value sets, and the IG's own lung cancer example. <c>mcode-ig/</c> holds copies of the package
/// files (narratives dropped; the primary value set cut to its C34 concepts). Set MCODE_PACKAGE to an unpacked
/// package folder to check against the package itself.
/// </summary>
public class McodeIgTests
{
    private static string IgFolder => Path.Combine(TestContext.CurrentContext.TestDirectory, "mcode-ig");

    private static string ValueSetFile(string name)
    {
        var package = Environment.GetEnvironmentVariable("MCODE_PACKAGE");
        return package is not null && File.Exists(Path.Combine(package, name)) ? Path.Combine(package, name) : Path.Combine(IgFolder, name);
    }

    private static List<(string Code, string Display)> Icd10Cm(string file, Func<string, bool> keep)
    {
        var vs = JsonNode.Parse(File.ReadAllText(file))!;
        return [.. vs["compose"]!["include"]!.AsArray()
            .Where(i => (string?)i!["system"] == "http://hl7.org/fhir/sid/icd-10-cm")
            .SelectMany(i => i!["concept"]!.AsArray())
            .Select(c => ((string)c!["code"]!, (string?)c["display"] ?? string.Empty))
            .Where(c => keep(c.Item1))];
    }

    [Test]
    public void GeneratedSecondaryCodes_AreExactlyTheValueSetsIcd10CmConcepts()
    {
        var expected = Icd10Cm(ValueSetFile("ValueSet-mcode-secondary-cancer-disorder-vs.json"), _ => true);
        Assert.That(McodeCodes.SecondaryIcd10Cm, Is.EqualTo(expected));
        Assert.That(CodeTables.SecondaryIcd10CmDecided, Is.EquivalentTo(expected.Select(c => c.Code)), "every code has an organ decision, and only those");
    }

    [Test]
    public void GeneratedPrimaryLungCodes_AreTheValueSetsC34Concepts()
    {
        var file = ValueSetFile("ValueSet-mcode-primary-malignant-neoplasm-disorder-vs.json");
        file = File.Exists(file) ? file : Path.Combine(IgFolder, "ValueSet-mcode-primary-malignant-neoplasm-disorder-vs.C34-excerpt.json");
        Assert.That(McodeCodes.PrimaryLungIcd10Cm, Is.EqualTo(Icd10Cm(file, c => c.StartsWith("C34", StringComparison.Ordinal))));
    }

    [Test]
    public void UnknownSecondaryCode_UnderTheProfile_GivesAWarningNamingIt()
    {
        var c = Fixtures.Secondary("m", Fixtures.Cc(Fixtures.Sct, "12738006"), code: Fixtures.Cc(Fixtures.Sct, "94503003"));
        var result = FhirPatientMapper.Map(Fixtures.Bundle(c), Fixtures.Today);
        Assert.That(result.GetPatientOrThrow().Metastases!.Lesions!.Single().Organ, Is.EqualTo(Organ.Brain));
        Assert.That(result.Findings.Single().Message, Is.EqualTo("Condition/m: Condition.code SNOMED CT '94503003' is not one of the secondary cancer codes OligoDecide reads; read as a metastasis by its profile"));
    }

    /// <summary>
    /// The IG's lung example (John Anyperson: NSCLC 2019-04-01, clinical stage IIIC with cM0, a brain metastasis
    /// 2019-05-01 coded 94225005 without bodySite), gathered into a collection Bundle without timestamp as the IG
    /// publishes its examples one resource per file. With an assessment date it classifies as far as its data allow.
    /// </summary>
    [Test]
    public void OfficialLungExample_WithAssessedOn_IsSynchronousOligometastaticFromTheBrainMetastasis()
    {
        var entries = new JsonArray();
        foreach (var file in Directory.EnumerateFiles(IgFolder, "*.json").Where(f => !Path.GetFileName(f).StartsWith("ValueSet", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var resource = JsonNode.Parse(File.ReadAllText(file))!;
            entries.Add(new JsonObject { ["fullUrl"] = $"http://hl7.org/fhir/us/mcode/{resource["resourceType"]}/{resource["id"]}", ["resource"] = resource });
        }

        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["id"] = "mcode-ig-lung", ["type"] = "collection", ["entry"] = entries }.ToJsonString(new JsonSerializerOptions());
        Assert.That(FhirBundleDocument.Parse(bundle, "lung.json").IsValid, Is.False, "no timestamp: an assessment date is needed");

        var result = FhirBundleDocument.Parse(bundle, "lung.json", new DateOnly(2019, 6, 1));
        var patient = result.GetPatientOrThrow();
        Assert.That(patient.Primary, Is.EqualTo(new PrimaryTumour { Histology = Histology.Adenocarcinoma, DiagnosedOn = new DateOnly(2019, 4, 1), StageGroup = "IIIC" }));
        Assert.That(patient.Metastases, Is.Not.Null);
        Assert.That(patient.Metastases!.DiagnosedOn, Is.EqualTo(new DateOnly(2019, 5, 1)));
        Assert.That(patient.Metastases.Lesions!.Single().Organ, Is.EqualTo(Organ.Brain));
        Assert.That((patient.Sex, patient.Ecog, patient.History), Is.EqualTo(((Sex?)Sex.Male, (int?)0, new MetastaticHistory { Polymetastatic = false, Oligometastatic = false })));

        var c = OligometastaticClassifier.Default.Classify(patient);
        Assert.That((c.State, c.LesionCount, c.OrganCount), Is.EqualTo((OligometastaticState.SynchronousOligometastatic, (int?)1, (int?)1)));

        // The cisplatin orders carry no timing: systemic therapy stays unknown, said once for both.
        Assert.That(patient.SystemicTherapies, Is.Null);
        Assert.That(result.Findings.Single().Message, Does.StartWith("2 resources (").And.Contain("no start date"));
    }
}
