namespace OligoDecide.Rules;

/// <summary>Static checks over the whole rule set: supersedes cycles, and conditions that can never hold.</summary>
internal static class RuleAnalysis
{
    public static void CheckCycles(RuleSetReader reader, List<RuleSetReader.RawRule> raw)
    {
        var graph = raw.GroupBy(r => r.Rule.Id).ToDictionary(g => g.Key, g => g.First().Rule.Supersedes, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in raw)
        {
            var stack = new List<string>();
            if (Visit(r.Rule.Id, graph, state, stack) is { } cycle)
            {
                reader.Error(r.Source, r.Line, r.Column, $"{r.Rule.Id}.supersedes", "supersedes forms a cycle: " + string.Join(" → ", cycle));
                return;
            }
        }
    }

    private static List<string>? Visit(string id, Dictionary<string, IReadOnlyList<string>> graph, Dictionary<string, int> state, List<string> stack)
    {
        if (state.GetValueOrDefault(id) == 2 || !graph.ContainsKey(id))
        {
            return null;
        }

        if (state.GetValueOrDefault(id) == 1)
        {
            return [.. stack.SkipWhile(s => s != id), id];
        }

        state[id] = 1;
        stack.Add(id);
        foreach (var next in graph[id])
        {
            if (Visit(next, graph, state, stack) is { } cycle)
            {
                return cycle;
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[id] = 2;
        return null;
    }

    /// <summary>
    /// Warns about an <c>all</c> whose direct fact tests on one fact admit no value
    /// (e.g. <c>ecog ≤ 1</c> with <c>ecog ≥ 2</c>, or <c>equals a</c> with <c>equals b</c>): such a rule can never fire.
    /// </summary>
    public static void CheckContradictions(RuleSetReader reader, List<RuleSetReader.RawRule> raw)
    {
        foreach (var r in raw)
        {
            foreach (var all in ConditionTree.Walk(r.Rule.When).OfType<AllCondition>())
            {
                foreach (var group in all.Items.OfType<FactCondition>().Where(f => f.Operator != FactOperator.Exists).GroupBy(f => f.Fact.Name))
                {
                    if (group.Count() > 1 && !Satisfiable([.. group]))
                    {
                        reader.Warning(r.Source, all.Line, all.Column, $"{r.Rule.Id}.when", $"the conditions on {group.Key} contradict each other ({string.Join("; ", group.Select(ConditionText.Requirement))}): the rule can never fire");
                    }
                }
            }
        }
    }

    private static bool Satisfiable(List<FactCondition> tests)
    {
        var fact = tests[0].Fact;
        // Numeric anchors only for numeric facts: enumeration values are words and must not be parsed as numbers.
        List<decimal> Anchors() => [.. tests.SelectMany(t => t.Values.Concat(new object?[] { t.Min, t.Max }).OfType<object>())
            .Select(v => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture))
            .SelectMany(v => new[] { v - 1, v, v + 1 })];
        IEnumerable<object> candidates = fact.Type switch
        {
            Facts.FactType.Boolean => [true, false],
            Facts.FactType.Enumeration => fact.AllowedValues,
            Facts.FactType.Integer => Anchors().Select(v => (object)(int)decimal.Round(v)),
            _ => Anchors().Concat(Anchors().Select(v => v + 0.5m)).Select(v => (object)v),
        };
        return candidates.Any(c => tests.All(t => ThreeValued.Test(t, c) == Truth.True));
    }
}
