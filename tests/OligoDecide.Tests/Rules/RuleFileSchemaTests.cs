using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using OligoDecide.Facts;

namespace OligoDecide.Tests.Rules;

/// <summary>The shipped JSON Schema accepts every default rule file, rejects bad ones, and stays in step with the vocabulary.</summary>
public class RuleFileSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(Repo.Root, "rules", "schema", "rule-file.schema.json");

    /// <summary>Built once: JsonSchema.Net registers a schema under its $id, and refuses a second registration.</summary>
    private static readonly Lazy<JsonSchema> CompiledSchema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    private static JsonNode Schema() => JsonNode.Parse(File.ReadAllText(SchemaPath))!;

    /// <summary>
    /// Validates with JsonSchema.Net (draft 2020-12). Returns each failing location as
    /// <c>instance-pointer keyword</c>, e.g. <c>/rules/0/kind enum</c> (<c>false</c> where a property is not allowed at all).
    /// </summary>
    private static List<string> Validate(JsonNode? instance)
    {
        var schema = CompiledSchema.Value;
        using var doc = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var results = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Keys.Select(k => $"{d.InstanceLocation} {(k.Length == 0 ? "false" : k)}"))];
    }

    private static IEnumerable<string> RuleFiles() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "rules"), "*.yaml")
            .Select(Path.GetFileName)
            .Where(n => n is not "ruleset.yaml" and not "citations.yaml")
            .Order(StringComparer.Ordinal)!;

    [Test]
    public void RuleFiles_AreFound() => Assert.That(RuleFiles().Count(), Is.GreaterThanOrEqualTo(5));

    [TestCaseSource(nameof(RuleFiles))]
    public void Schema_DefaultRuleFile_Validates(string file)
    {
        var instance = YamlAsJson.Convert(File.ReadAllText(Path.Combine(Repo.Root, "rules", file)));
        Assert.That(Validate(instance), Is.Empty);
    }

    [TestCase("priorty: 3", "/rules/0/priorty false")]
    [TestCase("kind: advice", "/rules/0/kind enum")]
    [TestCase("evidence: []", "/rules/0/evidence minItems")]
    [TestCase("id: Not_Kebab", "/rules/0/id pattern")]
    [TestCase("dose: { totalGy: -1, fractions: 3 }", "/rules/0/dose/totalGy minimum")]
    [TestCase("when: { fact: ecogg, max: 1 }", "/rules/0/when/fact enum")]
    [TestCase("when: { all: [], any: [] }", "/rules/0/when/all minItems")]
    [TestCase("when: { anyLesion: { organ: spleen } }", "/rules/0/when/anyLesion/organ enum")]
    public void Schema_BadRule_IsRejected(string change, string expected)
    {
        var key = change[..change.IndexOf(':', StringComparison.Ordinal)];
        var rule = new Dictionary<string, string>
        {
            ["id"] = "id: a",
            ["kind"] = "kind: option",
            ["option"] = "option: a",
            ["title"] = "title: A",
            ["text"] = "text: T",
            ["evidence"] = "evidence: [c1]",
            ["when"] = "when: { fact: ecog, max: 1 }",
        };
        rule[key] = change;
        var yaml = "rules:\n  - " + string.Join("\n    ", rule.Values);
        Assert.That(Validate(YamlAsJson.Convert(yaml)), Does.Contain(expected));
    }

    [Test]
    public void Schema_FactEnum_MatchesFactCatalog()
    {
        var names = Schema()["$defs"]!["factCondition"]!["properties"]!["fact"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.That(names, Is.EqualTo(FactCatalog.Facts.Select(f => f.Name)));
    }

    [Test]
    public void Schema_LesionFields_MatchFactCatalog()
    {
        var fields = Schema()["$defs"]!["where"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.That(fields, Is.EqualTo(FactCatalog.LesionFields.Select(f => f.Name)));
    }

    [Test]
    public void Schema_TherapyFields_MatchFactCatalogNamesAndValues()
    {
        var properties = Schema()["$defs"]!["therapyWhere"]!["properties"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(properties.Select(p => p.Key), Is.EqualTo(FactCatalog.TherapyFields.Select(f => f.Name)));
            foreach (var f in FactCatalog.TherapyFields.Where(f => f.AllowedValues.Count > 0))
            {
                var values = properties[f.Name]!["anyOf"]![0]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
                Assert.That(values, Is.EqualTo(f.AllowedValues), f.Name);
            }
        });
    }

    [TestCase("when: { anyTherapy: { setting: first-line } }", "/rules/0/when/anyTherapy/setting enum")]
    [TestCase("when: { countTherapies: { where: { months: { min: 3, mx: 4 } }, min: 1 } }", "/rules/0/when/countTherapies/where/months/mx false")]
    [TestCase("when: { anyLesion: { sizeMm: { min: ten } } }", "/rules/0/when/anyLesion/sizeMm/min type")]
    public void Schema_BadQuantifier_IsRejected(string when, string expected)
    {
        var yaml = "rules:\n  - id: a\n    kind: option\n    option: a\n    title: A\n    text: T\n    evidence: [c1]\n    " + when;
        Assert.That(Validate(YamlAsJson.Convert(yaml)), Does.Contain(expected));
    }

    [Test]
    public void Schema_TherapyQuantifierAndLesionRange_Validate()
    {
        var yaml = "rules:\n  - id: a\n    kind: option\n    option: a\n    title: A\n    text: T\n    evidence: [c1]\n    when:\n"
            + "      - anyTherapy: { setting: first-line-metastatic, progressed: false, months: { min: 3 } }\n"
            + "      - countTherapies: { where: { drugClass: [pd1, pdl1] }, max: 0 }\n"
            + "      - anyLesion: { sizeMm: { max: 30 } }\n";
        Assert.That(Validate(YamlAsJson.Convert(yaml)), Is.Empty);
    }

    [Test]
    public void Schema_NamedConditions_ValidateAndABadNameIsRejected()
    {
        var good = "conditions:\n  fit:\n    fact: ecog\n    max: 1\nrules:\n  - id: a\n    kind: option\n    option: a\n    title: A\n    text: T\n    evidence: [c1]\n    when:\n      - condition: fit\n";
        Assert.Multiple(() =>
        {
            Assert.That(Validate(YamlAsJson.Convert(good)), Is.Empty);
            Assert.That(Validate(YamlAsJson.Convert("conditions:\n  fit:\n    fact: ecog\n    max: 1\n")), Is.Empty, "a file of shared conditions only");
            Assert.That(Validate(YamlAsJson.Convert(good.Replace("condition: fit", "condition: Fit", StringComparison.Ordinal))), Does.Contain("/rules/0/when/0/condition pattern"));
        });
    }

    [Test]
    public void SchemaFolder_HoldsNoYaml_SoNothingThereIsEmbeddedAsARuleFile() =>
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(SchemaPath)!).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)), Is.Empty);

    [Test]
    public void RuleFormatDoc_NamesEveryFactAndLesionField()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "rule-format.md"));
        Assert.Multiple(() =>
        {
            foreach (var f in FactCatalog.Facts.Concat(FactCatalog.LesionFields).Concat(FactCatalog.TherapyFields))
            {
                Assert.That(doc, Does.Contain($"| `{f.Name}` |"), f.Name);
            }
        });
    }
}
