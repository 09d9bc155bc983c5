using OligoDecide.Engine;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>Writes a rule set folder (ruleset.yaml, citations.yaml, rules.yaml) to a fresh temp folder.</summary>
internal sealed class RuleSetFolder : IDisposable
{
    public const string Manifest = """
        id: test-set
        version: 1.0.0
        title: Test rule set
        """;

    public const string Citations = """
        citations:
          - id: c1
            title: A trial
            authors: Doe J
            journal: Lancet
            year: 2020
            doi: 10.1000/abc
            design: rct-phase2
        """;

    public RuleSetFolder(string rules, string? citations = null, string? manifest = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "oligodecide-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Write("ruleset.yaml", manifest ?? Manifest);
        Write("citations.yaml", citations ?? Citations);
        Write("rules.yaml", rules);
    }

    public string Path { get; }

    public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text.ReplaceLineEndings("\n") + "\n");

    public RuleSetLoadResult Load(RuleSetLimits? limits = null) => RuleSet.Load(Path, limits);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Loads rules (YAML under "rules:") and returns the compiled engine; fails the test with the findings when invalid.</summary>
    public static OligoDecideEngine Engine(string rules)
    {
        using var folder = new RuleSetFolder(rules);
        var result = folder.Load();
        Assert.That(result.IsValid, Is.True, () => string.Join("\n", result.Findings));
        return new OligoDecideEngine(result.RuleSet!);
    }

    /// <summary>A minimal option rule with the given when (already indented YAML under "when:").</summary>
    public static string Rule(string id, string when, string? extra = null, string kind = "option", string? option = null) => $"""
          - id: {id}
            kind: {kind}
            option: {option ?? id}
            title: Rule {id}
            text: Text of {id}.
            evidence: [c1]
        {(extra is null ? string.Empty : Indent(extra, 4) + "\n")}    when:
        {Indent(when, 6)}
        """;

    public static string Indent(string text, int spaces) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));
}
