using NUnit.Framework;
using OligoDecide.Classification;
using OligoDecide.Engine;
using OligoDecide.Model;

namespace OligoDecide.Testing;

/// <summary>
/// NUnit assertions on a <see cref="Decision"/>. Each throws <see cref="AssertionException"/> with a
/// message that shows the state, the options suggested and, for a missing option, what the rule lacked.
/// A decision made by an engine carries its evaluation, so a failed <see cref="ShouldSuggest"/> shows every
/// false or unknown condition of the rules behind the option without evaluating again.
/// </summary>
public static class DecisionAssertions
{
    /// <summary>
    /// Asserts that <paramref name="option"/> is suggested and not superseded. On failure the message lists, for
    /// every rule that suggests the option, its conditions that were false or unknown for the decision's patient,
    /// read from the evaluation the decision was made from (<see cref="Decision.Explain"/>); for a decision built
    /// by hand, what its <c>couldApply</c> says is missing.
    /// </summary>
    /// <returns>The decision, for chaining.</returns>
    public static Decision ShouldSuggest(this Decision decision, string option)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(option);
        if (decision.ActiveOptions.Contains(option, StringComparer.Ordinal))
        {
            return decision;
        }

        var lines = new List<string> { $"Expected option {option} to be suggested, but it was not." };
        lines.AddRange(Describe(decision));
        lines.AddRange(WhyNot(decision, option));
        throw new AssertionException(string.Join(Environment.NewLine, lines));
    }

    /// <summary>
    /// Asserts that the options suggested (and not superseded) are exactly <paramref name="options"/>, in any order:
    /// the one assertion that also catches a new rule firing where nobody expected it. On failure the message
    /// lists the missing options with why not (the conditions that did not hold, read from the decision's
    /// evaluation) and the unexpected ones with why (the conditions that made them fire).
    /// </summary>
    /// <param name="decision">The decision under test.</param>
    /// <param name="options">The option codes (options and cautions) expected; empty for "nothing suggested".</param>
    /// <returns>The decision, for chaining.</returns>
    public static Decision ShouldSuggestExactly(this Decision decision, IEnumerable<string> options)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(options);
        var expected = options.Distinct(StringComparer.Ordinal).ToList();
        var active = decision.ActiveOptions.ToList();
        var missing = expected.Where(o => !active.Contains(o, StringComparer.Ordinal)).ToList();
        var unexpected = decision.Suggestions.Where(s => s.SupersededBy is null && !expected.Contains(s.Option, StringComparer.Ordinal)).ToList();
        if (missing.Count == 0 && unexpected.Count == 0)
        {
            return decision;
        }

        var lines = new List<string>
        {
            "Expected exactly these options to be suggested: " + (expected.Count == 0 ? "none" : string.Join(", ", expected)),
        };
        lines.AddRange(Describe(decision));
        foreach (var option in missing)
        {
            lines.Add($"Missing: {option}");
            lines.AddRange(WhyNot(decision, option).Select(l => "  " + l));
        }

        foreach (var suggestion in unexpected)
        {
            lines.Add($"Unexpected: {suggestion.Option}");
            lines.AddRange(Why(decision, suggestion.Option, "  "));
        }

        throw new AssertionException(string.Join(Environment.NewLine, lines));
    }

    /// <summary>Why <paramref name="option"/> is active: the rule(s) that suggested it and the conditions that held, with what was seen.</summary>
    internal static IEnumerable<string> Why(Decision decision, string option, string indent)
    {
        foreach (var suggestion in decision.Suggestions.Where(s => s.Option == option && s.SupersededBy is null))
        {
            yield return $"{indent}Rule {suggestion.Rule} fired because:";
            foreach (var b in suggestion.Because)
            {
                yield return $"{indent}  {b.Condition}" + (b.Seen.Length > 0 ? $" (seen: {b.Seen})" : string.Empty);
            }
        }
    }

    /// <summary>Why a decision lacks an option: superseded, or each suggesting rule's conditions that did not hold.</summary>
    internal static IEnumerable<string> WhyNot(Decision decision, string option)
    {
        if (decision.Suggestions.FirstOrDefault(s => s.Option == option && s.SupersededBy is not null) is { } superseded)
        {
            yield return $"{option} fired but was superseded by {superseded.SupersededBy}.";
            yield break;
        }

        var rules = decision.Evaluation?.RuleSet.Rules.Where(r => r.Option == option).ToList();
        if (rules is null)
        {
            // A decision built by hand carries no evaluation: only its couldApply can say more.
            if (decision.CouldApply.FirstOrDefault(c => c.Option == option) is { } could)
            {
                foreach (var line in Missing(could))
                {
                    yield return line;
                }
            }
            else
            {
                yield return "No rule suggesting it had all its conditions hold.";
            }

            yield break;
        }

        if (rules.Count == 0)
        {
            yield return "No rule of the rule set suggests it.";
        }

        foreach (var rule in rules)
        {
            if (decision.CouldApply.FirstOrDefault(c => c.Rule == rule.Id) is { } could)
            {
                foreach (var line in Missing(could))
                {
                    yield return line;
                }

                continue;
            }

            yield return $"Rule {rule.Id}, conditions that did not hold:";
            foreach (var c in Failing(decision.Explain(rule.Id)))
            {
                yield return $"  [{c.Truth.ToString().ToLowerInvariant()}] {c.Condition}" + (c.Seen.Length > 0 ? $" (seen: {c.Seen})" : string.Empty);
            }
        }
    }

    private static IEnumerable<string> Missing(CouldApply could) =>
        [$"Rule {could.Rule} could apply; missing:", .. could.Missing.Select(m => $"  {m.Fact}: needs {m.Needed}")];

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
