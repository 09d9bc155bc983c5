using System.Globalization;
using System.Text;
using OligoDecide.Rules;

namespace OligoDecide.Benchmarks;

/// <summary>Synthetic rule sets of any size, built from the same condition shapes as the default rules, for scaling benchmarks.</summary>
public static class GeneratedRuleSets
{
    private static readonly string[] States =
    [
        "synchronous-oligometastatic", "metachronous-oligorecurrence", "metachronous-oligoprogression", "repeat-oligorecurrence",
        "repeat-oligoprogression", "repeat-oligopersistence", "induced-oligorecurrence", "induced-oligoprogression", "induced-oligopersistence",
    ];

    private static readonly string[] Organs = ["brain", "bone", "liver", "adrenal", "lung", "pleura"];

    /// <summary>The files of a rule set with <paramref name="count"/> rules (deterministic).</summary>
    public static IReadOnlyList<(string Name, string Text)> Files(int count)
    {
        var random = new Random(count);
        var rules = new StringBuilder("rules:\n");
        for (var i = 0; i < count; i++)
        {
            var id = "generated-" + i.ToString("D3", CultureInfo.InvariantCulture);
            rules.Append(CultureInfo.InvariantCulture, $"""
                  - id: {id}
                    kind: {(i % 4 == 0 ? "caution" : "option")}
                    option: {id}
                    title: Generated rule {i}
                    priority: {random.Next(1, 100)}
                    text: A generated rule for benchmarks.
                    evidence: [generated-citation]
                    when:

                """);
            var shapes = Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(random.Next(2, 5)).Order();
            foreach (var shape in shapes)
            {
                rules.Append(shape switch
                {
                    0 => $"      - fact: classification.state\n        in: [{States[random.Next(States.Length)]}, {States[random.Next(States.Length)]}]\n",
                    1 => $"      - fact: ecog\n        max: {random.Next(0, 3)}\n",
                    2 => $"      - fact: lesions.count\n        min: 1\n        max: {random.Next(1, 6)}\n",
                    3 => $"      - anyLesion: {{ organ: {Organs[random.Next(Organs.Length)]} }}\n",
                    4 => "      - allLesions: { treatable: true }\n",
                    5 => $"      - fact: biomarkers.pdl1Tps\n        min: {random.Next(0, 60)}\n",
                    6 => $"      - fact: primary.nonSmallCell\n        equals: {(random.Next(4) > 0 ? "true" : "false")}\n",
                    _ => "      - fact: classification.decided\n        equals: true\n",
                });
            }
        }

        return
        [
            ("citations.yaml", """
                citations:
                  - id: generated-citation
                    title: "A generated citation"
                    authors: "Benchmark A"
                    journal: "J Bench"
                    year: 2025
                    doi: "10.0000/generated"
                    design: guideline
                    findings: ["none"]
                """),
            ("rules.yaml", rules.ToString()),
            ("ruleset.yaml", $"id: generated-{count}\nversion: 1.0.0\ntitle: Generated rule set with {count} rules\n"),
        ];
    }

    /// <summary>Loads the generated set (throws with every finding when it does not load).</summary>
    public static RuleSet Load(int count) => RuleSet.FromFiles(Files(count), RuleSetLimits.Default).GetOrThrow();
}
