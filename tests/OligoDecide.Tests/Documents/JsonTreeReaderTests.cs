using System.Text.Json;
using OligoDecide.Documents;
using OligoDecide.Synthetic;

namespace OligoDecide.Tests.Documents;

public class JsonTreeReaderTests
{
    private static IEnumerable<string> Documents()
    {
        foreach (var d in PatientGenerator.Documents(300, 11))
        {
            yield return d;
            yield return JsonSerializer.Serialize(JsonDocument.Parse(d).RootElement, new JsonSerializerOptions { WriteIndented = true });
        }

        yield return """{"id": "ü ≤ 5 – naïve", "assessedOn": "2025-01-01", "ageYears": -0, "x": [1.5e3, true, null, {"k": "\u00e9\n\/"}], "y": {}}""";
        yield return "  \n {\"a\":\n\n   [ [ ], { } ] }\n";
    }

    [TestCaseSource(nameof(Documents))]
    public void TryRead_ValidJson_SameTreeAndPositionsAsYamlDotNet(string json)
    {
        var fast = JsonTreeReader.TryRead(json, DocumentLimits.Default);
        var yaml = YamlReader.ReadYaml(json, "doc", DocumentLimits.Default, []);

        Assert.That(fast, Is.Not.Null);
        Assert.That(Dump(fast!), Is.EqualTo(Dump(yaml!)));
    }

    [TestCase("{\"a\": 1, \"a\": 2}")]
    [TestCase("{\"a\": 1} {\"b\": 2}")]
    [TestCase("{a: 1}")]
    [TestCase("{\"a\": [1, 2,]}")]
    [TestCase("{\"a\": 1 // comment\n}")]
    [TestCase("{\"a\": \"unterminated}")]
    public void TryRead_NotPlainValidJson_FallsBackToYaml(string text) =>
        Assert.That(JsonTreeReader.TryRead(text, DocumentLimits.Default), Is.Null);

    [Test]
    public void TryRead_DeeperThanTheLimit_FallsBackToYaml() =>
        Assert.That(JsonTreeReader.TryRead("{\"a\": " + new string('[', 40) + new string(']', 40) + "}", DocumentLimits.Default), Is.Null);

    private static string Dump(YamlNode node) => node switch
    {
        YamlScalar s => $"{s.Line}:{s.Column} {(s.Quoted ? "q" : "p")}'{s.Value}'",
        YamlMapping m => $"{m.Line}:{m.Column} {{" + string.Join(", ", m.Entries.Select(e => Dump(e.Key) + " => " + Dump(e.Value))) + "}",
        YamlSequence q => $"{q.Line}:{q.Column} [" + string.Join(", ", q.Items.Select(Dump)) + "]",
        _ => "?",
    };
}
