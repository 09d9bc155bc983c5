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
                break;
            }
        }

        // Chaining: a rule depends on every rule that gives an option its `suggested` names (one option, a
        // list, or the options of a tag). A cycle would make a rule read an option decided after it.
        var byOption = raw.ToLookup(r => r.Rule.Option, StringComparer.Ordinal);
        var chains = raw.GroupBy(r => r.Rule.Id).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)[.. ConditionTree.Suggested(g.First().Rule.When).SelectMany(s => s.Options).SelectMany(o => byOption[o]).Select(d => d.Rule.Id).Distinct(StringComparer.Ordinal)],
            StringComparer.Ordinal);
        var chainState = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in raw)
        {
            var stack = new List<string>();
            if (Visit(r.Rule.Id, chains, chainState, stack) is { } cycle)
            {
                var s = ConditionTree.Suggested(r.Rule.When).FirstOrDefault();
                reader.Error(r.Source, s?.Line ?? r.Line, s?.Column ?? r.Column, $"{r.Rule.Id}.when.suggested", "suggested forms a cycle (a rule would wait for its own suggestion): " + string.Join(" → ", cycle));
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
    /// Warns about a rule that can never fire: an <c>all</c> whose direct fact tests on one fact admit no value
    /// (e.g. <c>ecog ≤ 1</c> with <c>ecog ≥ 2</c>, or <c>equals a</c> with <c>equals b</c>), or conditions that
    /// contradict through a derived fact or state (<see cref="CannotFire"/>).
    /// </summary>
    public static void CheckContradictions(RuleSetReader reader, List<RuleSetReader.RawRule> raw)
    {
        var rules = raw.Select(r => r.Rule).ToList();
        foreach (var r in raw)
        {
            var warned = false;
            foreach (var all in ConditionTree.Walk(r.Rule.When).OfType<AllCondition>())
            {
                foreach (var group in all.Items.OfType<FactCondition>().Where(f => f.Operator != FactOperator.Exists).GroupBy(f => f.Fact.Name))
                {
                    if (group.Count() > 1 && !Satisfiable([.. group]))
                    {
                        reader.Warning(r.Source, all.Line, all.Column, $"{r.Rule.Id}.when", $"the conditions on {group.Key} contradict each other ({string.Join("; ", group.Select(ConditionText.Requirement))}): the rule can never fire");
                        warned = true;
                    }
                }
            }

            if (!warned && CannotFire(r.Rule, rules) is { } reason)
            {
                reader.Warning(r.Source, r.Rule.When.Line, r.Rule.When.Column, $"{r.Rule.Id}.when", reason + ": the rule can never fire");
            }
        }
    }

    /// <summary>
    /// Why <paramref name="rule"/> can never fire whatever the patient, or null when no contradiction is found.
    /// Looks at the fact tests every firing needs (the top-level <c>all</c>, nested <c>all</c>s included; not
    /// inside <c>any</c> or <c>not</c>): tests on one fact that admit no value, tests that contradict through a
    /// derived fact or state (<see cref="FactImplication"/>), and a <c>suggested:</c> option whose every rule
    /// contradicts this one. Sound, not complete: a rule it does not flag may still never fire.
    /// </summary>
    public static string? CannotFire(Rule rule, IReadOnlyList<Rule> rules) => CannotFireWith(rule, rules, [], 0);

    private static string? CannotFireWith(Rule rule, IReadOnlyList<Rule> rules, IReadOnlyList<FactCondition> inherited, int depth)
    {
        var tests = Needed(rule.When).ToList();
        if (Contradiction([.. tests, .. inherited]) is { } reason)
        {
            return reason;
        }

        if (depth >= 4)
        {
            return null;
        }

        foreach (var s in Top(rule.When).OfType<SuggestedCondition>())
        {
            var suppliers = rules.Where(r => s.Options.Contains(r.Option, StringComparer.Ordinal) && r.Id != rule.Id).ToList();
            if (suppliers.Count == 0)
            {
                continue;
            }

            var why = suppliers.Select(r => (r.Id, Reason: CannotFireWith(r, rules, [.. tests, .. inherited], depth + 1))).ToList();
            if (why.All(w => w.Reason is not null))
            {
                return $"it needs {s.Label} suggested, and every rule that suggests " + (s.Options.Count == 1 ? "it" : "one") + " contradicts it ("
                    + string.Join("; ", why.Select(w => $"{w.Id}: {w.Reason}")) + ")";
            }
        }

        return null;
    }

    /// <summary>The nodes every firing needs: the top-level condition and, through nested <c>all</c>s, their items.</summary>
    private static IEnumerable<Condition> Top(Condition c) =>
        c is AllCondition all ? all.Items.SelectMany(Top) : [c];

    private static IEnumerable<FactCondition> Needed(Condition c) => Top(c).OfType<FactCondition>();

    /// <summary>Why the tests (all needed together) admit no patient, or null.</summary>
    private static string? Contradiction(IReadOnlyList<FactCondition> tests)
    {
        var byFact = tests.GroupBy(t => t.Fact.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Distinct().ToList(), StringComparer.Ordinal);
        foreach (var (name, group) in byFact)
        {
            var values = group.Where(t => t.Operator != FactOperator.Exists).ToList();
            if (group.Any(t => t.Operator == FactOperator.Exists && !t.Exists) && values.Count > 0)
            {
                return $"{name} must be not recorded and also {string.Join("; ", values.Select(ConditionText.Requirement))}";
            }

            if (values.Count > 1 && !Satisfiable(values))
            {
                return $"the conditions on {name} contradict each other ({string.Join("; ", values.Select(ConditionText.Requirement))})";
            }
        }

        // Values each tested enumeration or boolean fact may still take; only tested facts are known to be
        // recorded, so an implication is followed only between them.
        var domains = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        foreach (var (name, group) in byFact)
        {
            var values = group.Where(t => t.Operator != FactOperator.Exists).ToList();
            var fact = group[0].Fact;
            if (values.Count > 0 && fact.Type is Facts.FactType.Boolean or Facts.FactType.Enumeration)
            {
                IEnumerable<object> candidates = fact.Type == Facts.FactType.Boolean ? [true, false] : fact.AllowedValues;
                domains[name] = [.. candidates.Where(c => values.All(t => ThreeValued.Test(t, c) == Truth.True))];
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var imp in FactImplication.All)
            {
                if (!domains.TryGetValue(imp.If, out var ifs) || !domains.TryGetValue(imp.Then, out var thens))
                {
                    continue;
                }

                if (ifs.All(v => imp.IfValues.Contains(v)))
                {
                    var kept = thens.Where(v => imp.ThenValues.Contains(v)).ToList();
                    if (kept.Count == 0)
                    {
                        return Implies(byFact, imp, ifs);
                    }

                    changed |= kept.Count < thens.Count;
                    domains[imp.Then] = kept;
                }

                if (domains[imp.Then].All(v => !imp.ThenValues.Contains(v)))
                {
                    var kept = ifs.Where(v => !imp.IfValues.Contains(v)).ToList();
                    if (kept.Count == 0)
                    {
                        return Implies(byFact, imp, ifs);
                    }

                    changed |= kept.Count < ifs.Count;
                    domains[imp.If] = kept;
                }
            }
        }

        return null;
    }

    /// <summary>The contradiction in words, naming only the premise values the rule allows.</summary>
    private static string Implies(Dictionary<string, List<FactCondition>> byFact, FactImplication imp, List<object> allowed)
    {
        static string Set(string fact, IReadOnlyList<object> values) =>
            values.Count == 1 ? $"{fact} = {ConditionText.Value(values[0])}" : $"{fact} in [{string.Join(", ", values.Select(ConditionText.Value))}]";
        string Needs(string fact) => string.Join("; ", byFact[fact].Where(t => t.Operator != FactOperator.Exists).Select(ConditionText.Requirement));
        return $"{Needs(imp.If)} and {Needs(imp.Then)} contradict: {Set(imp.If, [.. allowed.Where(imp.IfValues.Contains)])} implies {Set(imp.Then, imp.ThenValues)}";
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
