using NUnit.Framework;
using OligoDecide.Classification;
using OligoDecide.Engine;
using OligoDecide.Model;

namespace OligoDecide.Testing;

/// <summary>
/// NUnit assertions on a <see cref="Decision"/>. Each throws <see cref="AssertionException"/> with a
/// message that shows the state, the options suggested and, for a missing option, what the rule lacked.
/// Use the overloads that take the engine and patient to see every false or unknown condition.
/// </summary>
public static class DecisionAssertions
{
    /// <summary>Asserts that <paramref name="option"/> is suggested and not superseded.</summary>
    /// <returns>The decision, for chaining.</returns>
    public static Decision ShouldSuggest(this Decision decision, string option) => ShouldSuggest(decision, option, null, null);

    /// <summary>
    /// Asserts that <paramref name="option"/> is suggested and not superseded; on failure the message lists,
    /// for every rule that suggests the option, its conditions that were false or unknown for
    /// <paramref name="patient"/> (from <see cref="IOligoDecideEngine.Explain"/>).
    /// </summary>
    /// <returns>The decision, for chaining.</returns>
    public static Decision ShouldSuggest(this Decision decision, string option, IOligoDecideEngine? engine, Patient? patient)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(option);
        if (decision.ActiveOptions.Contains(option, StringComparer.Ordinal))
        {
            return decision;
        }

        var lines = new List<string> { $"Expected option {option} to be suggested, but it was not." };
        lines.AddRange(Describe(decision));
        if (decision.Suggestions.FirstOrDefault(s => s.Option == option && s.SupersededBy is not null) is { } superseded)
        {
            lines.Add($"{option} fired but was superseded by {superseded.SupersededBy}.");
        }
        else if (engine is not null && patient is not null)
        {
            foreach (var rule in engine.RuleSet.Rules.Where(r => r.Option == option))
            {
                lines.Add($"Rule {rule.Id}, conditions that did not hold:");
                lines.AddRange(Failing(engine.Explain(rule.Id, patient))
                    .Select(c => $"  [{c.Truth.ToString().ToLowerInvariant()}] {c.Condition}" + (c.Seen.Length > 0 ? $" (seen: {c.Seen})" : string.Empty)));
            }
        }
        else if (decision.CouldApply.FirstOrDefault(c => c.Option == option) is { } could)
        {
            lines.Add($"Rule {could.Rule} could apply; missing:");
            lines.AddRange(could.Missing.Select(m => $"  {m.Fact}: needs {m.Needed}"));
        }
        else
        {
            lines.Add("No rule suggesting it had all its conditions hold; pass the engine and patient to see which failed.");
        }

        throw new AssertionException(string.Join(Environment.NewLine, lines));
    }

    /// <summary>Asserts that <paramref name="option"/> is not suggested (a superseded suggestion counts as not suggested).</summary>
    /// <returns>The decision, for chaining.</returns>
    public static Decision ShouldNotSuggest(this Decision decision, string option)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(option);
        if (decision.Suggestions.FirstOrDefault(s => s.Option == option && s.SupersededBy is null) is not { } suggestion)
        {
            return decision;
        }

        var lines = new List<string> { $"Expected option {option} not to be suggested, but rule {suggestion.Rule} suggested it." };
        lines.AddRange(Describe(decision));
        lines.Add("Because:");
        lines.AddRange(suggestion.Because.Select(b => $"  {b.Condition} (seen: {b.Seen})"));
        throw new AssertionException(string.Join(Environment.NewLine, lines));
    }

    /// <summary>Asserts the classification state, by its id (e.g. <c>metachronous-oligorecurrence</c>).</summary>
    /// <returns>The decision, for chaining.</returns>
    public static Decision ShouldBeState(this Decision decision, string state)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(state);
        if (decision.Classification.State.Id() == state)
        {
            return decision;
        }

        var lines = new List<string> { $"Expected state {state}, but the patient was classified as {decision.Classification.State.Id()}." };
        lines.AddRange(Describe(decision));
        lines.Add("Decision path:");
        lines.AddRange(decision.Classification.Path.Select(p => $"  {p.Question} {p.Answer} (because {p.Basis})"));
        lines.AddRange(decision.Classification.Missing.Select(m => $"  missing: {m}"));
        throw new AssertionException(string.Join(Environment.NewLine, lines));
    }

    internal static IEnumerable<string> Describe(Decision decision)
    {
        var active = decision.ActiveOptions.ToList();
        yield return $"State: {decision.Classification.State.Id()}";
        yield return "Suggested: " + (active.Count == 0 ? "none" : string.Join(", ", active));
    }

    /// <summary>
    /// The conditions that kept the rule from firing: non-true nodes whose parents are not true,
    /// with a false <c>not</c> shown as "not (its inner condition)" rather than its true inner node.
    /// </summary>
    private static IEnumerable<Engine.ExplainedCondition> Failing(IReadOnlyList<Engine.ExplainedCondition> lines)
    {
        int? skipBelow = null;
        for (var i = 1; i < lines.Count; i++)
        {
            var c = lines[i];
            if (skipBelow is { } depth && c.Depth > depth)
            {
                continue;
            }

            skipBelow = null;
            if (c.Truth == Rules.Truth.True)
            {
                skipBelow = c.Depth;
            }
            else if (c.Condition == "not:" && i + 1 < lines.Count)
            {
                var inner = lines[i + 1];
                skipBelow = c.Depth;
                yield return c with { Condition = $"not ({inner.Condition})", Seen = inner.Seen };
            }
            else
            {
                yield return c;
            }
        }
    }
}
