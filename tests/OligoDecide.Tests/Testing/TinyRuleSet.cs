using OligoDecide.Engine;
using OligoDecide.Tests.Rules;

namespace OligoDecide.Tests.Testing;

/// <summary>
/// Three rules on ecog (an option for ECOG ≤ 1, one for ECOG ≤ 4, a caution for ECOG ≥ 3), so that the toolkit's
/// messages can be asserted exactly whatever the default rule set becomes.
/// </summary>
internal static class TinyRuleSet
{
    public const string Rules = """
        rules:
          - id: fit
            kind: option
            option: fit-option
            title: Fit
            text: Fit patients.
            evidence: [c1]
            when:
              - fact: ecog
                max: 1
          - id: any-ecog
            kind: option
            option: any-ecog-option
            title: Any ECOG
            text: Any ECOG.
            evidence: [c1]
            when:
              - fact: ecog
                max: 4
          - id: frail
            kind: caution
            option: frail-caution
            title: Frail
            text: Frail patients.
            evidence: [c1]
            when:
              - fact: ecog
                min: 3
        """;

    /// <summary>The rule set compiled.</summary>
    public static OligoDecideEngine Engine() => RuleSetFolder.Engine(Rules);

    /// <summary>The controlled metachronous seed (ECOG 1) written to <paramref name="dir"/> with the given expect block instead of its own.</summary>
    public static string Case(string dir, string name, string expect)
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.SeedPatients, "metachronous-oligorecurrence-controlled.yaml"));
        var path = Path.Combine(dir, name + ".yaml");
        File.WriteAllText(path, source[..source.IndexOf("\nexpect:", StringComparison.Ordinal)] + "\n" + expect.ReplaceLineEndings("\n") + "\n");
        return path;
    }
}
