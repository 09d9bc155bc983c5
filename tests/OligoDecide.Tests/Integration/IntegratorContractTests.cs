using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OligoDecide.Classification;
using OligoDecide.DependencyInjection;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Output;

namespace OligoDecide.Tests.Integration;

/// <summary>Issue 16: what an integrator meets first — options from configuration, validation, the JSON contract through System.Text.Json, finding codes.</summary>
public sealed class IntegratorContractTests
{
    private static readonly string SeedFolder = Path.Combine(RepoPaths.Root, "seeds", "patients");

    private static Patient TwoBoneLesionsSynchronous() => TestPatients.DeNovo(TestPatients.Lesions(Organ.Bone, 2));

    [Test]
    public void BindingOptionsFromConfiguration_LeavesOtherEnginesOnTheDefaults()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OligoDecide:Classification:MaxLesions"] = "1" })
            .Build();
        var services = new ServiceCollection();
        services.Configure<OligoDecideOptions>(config.GetSection("OligoDecide"));
        services.AddOligoDecide();
        using var provider = services.BuildServiceProvider();

        var bound = provider.GetRequiredService<IOptions<OligoDecideOptions>>().Value;
        var hosted = provider.GetRequiredService<IOligoDecideEngine>().Evaluate(TwoBoneLesionsSynchronous());
        var unrelated = OligoDecideEngine.CreateDefault().Evaluate(TwoBoneLesionsSynchronous());

        Assert.Multiple(() =>
        {
            Assert.That(bound.Classification.MaxLesions, Is.EqualTo(1), "the binding took effect");
            Assert.That(ClassificationOptions.Default.MaxLesions, Is.EqualTo(5), "the shared defaults are untouched");
            Assert.That(hosted.Classification.State, Is.EqualTo(OligometastaticState.Polymetastatic));
            Assert.That(hosted.Limits.MaxLesions, Is.EqualTo(1), "the decision records the limits it used");
            Assert.That(unrelated.Classification.State, Is.EqualTo(OligometastaticState.SynchronousOligometastatic));
            Assert.That(unrelated.Limits, Is.EqualTo(new ClassificationOptions()));
        });
    }

    [Test]
    public void DecisionJson_RecordsTheClassificationLimitsNextToTheRuleSet()
    {
        var engine = new OligoDecideEngine(OligoDecide.Rules.RuleSet.LoadDefault(), new ClassificationOptions { MaxLesions = 4, MaxOrgans = 2, SynchronousWindowMonths = 3 });
        var json = JsonNode.Parse(JsonOutput.Write(engine.Evaluate(TwoBoneLesionsSynchronous())))!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(json.Select(p => p.Key).Take(2), Is.EqualTo(new[] { "ruleSet", "classificationLimits" }));
            Assert.That(json["classificationLimits"]!.ToJsonString(), Is.EqualTo("""{"maxLesions":4,"maxOrgans":2,"synchronousWindowMonths":3}"""));
        });
    }

    [Test]
    public void Evaluate_CodeBuiltPatientThatValidationRefuses_ThrowsWithFindingsAndNoValues()
    {
        var patient = TestPatients.DeNovo() with { Ecog = 9, AgeYears = -4 };
        var engine = OligoDecideEngine.CreateDefault();

        var ex = Assert.Throws<InvalidPatientException>(() => engine.Evaluate(patient))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Findings.Select(f => (f.Path, f.Code)), Is.EquivalentTo(new[] { ("ageYears", "OD0301"), ("ecog", "OD0301") }));
            Assert.That(ex.Findings.Select(f => f.Message), Is.EquivalentTo(PatientDocument.Validate(patient).Select(f => f.Message)), "the same findings as validation");
            Assert.That(ex.Message, Does.Contain("ecog").And.Contain("ageYears"));
            Assert.That(ex.Message, Does.Not.Contain("9").And.Not.Contain("-4"), "no patient value in the message");
            Assert.That(ex.ParamName, Is.EqualTo("patient"));
            Assert.Throws<InvalidPatientException>(() => engine.Classify(patient));
        });
    }

    [Test]
    public void Evaluate_ChangedCopyOfAValidatedPatient_IsValidatedAgain()
    {
        // A document's patient passed validation once and is not validated again by Evaluate; a copy made
        // with `with` is another instance and must go through validation, or an invalid copy would slip by.
        var read = PatientDocument.Load(Path.Combine(SeedFolder, "metachronous-oligorecurrence-controlled.yaml")).GetPatientOrThrow();
        var engine = OligoDecideEngine.CreateDefault();
        var copy = read with { Ecog = 9 };

        Assert.Multiple(() =>
        {
            Assert.That(PatientDocument.IsValidated(read), Is.True, "the reader marks what it validated");
            Assert.That(PatientDocument.IsValidated(copy), Is.False);
            Assert.That(engine.Evaluate(read).Classification.State, Is.Not.EqualTo(OligometastaticState.Indeterminate));
            Assert.Throws<InvalidPatientException>(() => engine.Evaluate(copy));
        });
    }

    [Test]
    public void IsValid_TellsTheCompilerThePatientIsNotNull()
    {
        // Compiles without a warning (warnings are errors) only because IsValid carries [MemberNotNullWhen].
        var result = PatientDocument.Load(Path.Combine(SeedFolder, "metachronous-oligorecurrence-controlled.yaml"));
        Decision? decision = null;
        if (result.IsValid)
        {
            decision = OligoDecideEngine.CreateDefault().Evaluate(result.Patient);
        }

        Assert.That(decision, Is.Not.Null);
    }

    [Test]
    public void SystemTextJson_WritesTheDocumentedContract_AndReadsItBack(
        [Values("metachronous-oligorecurrence-controlled.yaml", "synchronous-egfr-adeno.yaml", "indeterminate-missing-history.yaml", "rule-sabr-all-metastases-near-miss.yaml")] string seed)
    {
        var decision = OligoDecideEngine.CreateDefault().Evaluate(PatientDocument.Load(Path.Combine(SeedFolder, seed)).GetPatientOrThrow());
        var documented = JsonOutput.Write(decision);

        var reflection = JsonSerializer.Serialize(decision);
        var generated = JsonSerializer.Serialize(decision, OligoDecideJsonContext.Default.Decision);
        var web = JsonSerializer.Serialize(decision, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var back = JsonSerializer.Deserialize(generated, OligoDecideJsonContext.Default.Decision)!;
        var backReflection = JsonSerializer.Deserialize<Decision>(documented)!;

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(reflection), JsonNode.Parse(documented)), Is.True, reflection);
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(generated), JsonNode.Parse(documented)), Is.True, generated);
            Assert.That(JsonNode.DeepEquals(JsonNode.Parse(web), JsonNode.Parse(documented)), Is.True, web);
            Assert.That(JsonNode.Parse(generated)!["classification"]!["state"]!.GetValue<string>(), Is.EqualTo(decision.Classification.State.Id()));
            Assert.That(JsonOutput.Write(back), Is.EqualTo(documented), "source-generated round trip");
            Assert.That(JsonOutput.Write(backReflection), Is.EqualTo(documented), "reflection round trip");
            Assert.That(back.Limits, Is.EqualTo(decision.Limits));
            Assert.That(back.RuleSet, Is.EqualTo(decision.RuleSet));
        });
    }

    [Test]
    public void SystemTextJson_StatesAreKebabCaseIdsBothWays()
    {
        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(OligometastaticState.SynchronousOligometastatic), Is.EqualTo("\"synchronous-oligometastatic\""));
            Assert.That(JsonSerializer.Deserialize<OligometastaticState>("\"repeat-oligoprogression\""), Is.EqualTo(OligometastaticState.RepeatOligoprogression));
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OligometastaticState>("0"), "numbers are not state ids");
        });
    }

    [Test]
    public void SystemTextJson_MalformedDecision_FailsNamingTheKey()
    {
        var json = JsonNode.Parse(JsonOutput.Write(OligoDecideEngine.CreateDefault().Evaluate(TestPatients.DeNovo())))!;
        json["classification"]!["state"] = "oligo";
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Decision>(json.ToJsonString()))!;
        Assert.That(ex.Message, Does.Contain("'state'"));
    }

    /// <summary>Every enum that System.Text.Json writes with KebabCaseLower is spelt exactly as the documents spell it.</summary>
    [Test]
    public void KebabCaseLower_EqualsTheDocumentSpelling_ForEveryConvertedEnum()
    {
        var converted = typeof(Decision).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType is { IsGenericType: true } c && c.GetGenericTypeDefinition() == typeof(KebabCaseEnumConverter<>))
            .ToList();
        Assert.That(converted.Select(t => t.Name), Is.SupersetOf(new[] { "OligometastaticState", "StateCategory", "RuleKind", "EvidenceDesign" }));
        Assert.Multiple(() =>
        {
            foreach (var name in converted.SelectMany(Enum.GetNames))
            {
                Assert.That(JsonNamingPolicy.KebabCaseLower.ConvertName(name), Is.EqualTo(KebabCase.From(name)), name);
            }
        });
    }

    [TestCase("ecog: 1\nfoo: 2", "OD0201")]
    [TestCase("ecog: many", "OD0203")]
    [TestCase("ecog: 7", "OD0301")]
    [TestCase("primary: { histology: adenocarcinoma, diagnosedOn: 2025-02-30 }", "OD0204")]
    [TestCase("primary: { histology: adenoma }", "OD0205")]
    [TestCase("primary: { histology: adenocarcinoma, diagnosedOn: 2027-01-01 }", "OD0302")]
    public void PatientFindings_CarryStableCodes(string yaml, string code)
    {
        var findings = PatientDocument.Parse("assessedOn: 2026-06-30\n" + yaml).Findings;
        Assert.That(findings.Select(f => f.Code), Has.Member(code), string.Join("\n", findings));
    }

    [Test]
    public void FindingCodes_AreUniqueAndEachIsDocumented()
    {
        var codes = typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "error-codes.md"));
        Assert.Multiple(() =>
        {
            Assert.That(codes, Is.Unique);
            Assert.That(codes, Has.Count.GreaterThanOrEqualTo(20));
            foreach (var c in codes)
            {
                Assert.That(doc, Does.Contain($"| `{c}` |"), c);
            }
        });
    }
}
