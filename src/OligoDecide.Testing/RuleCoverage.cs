using NUnit.Framework;
using OligoDecide.Coverage;
using OligoDecide.Engine;

namespace OligoDecide.Testing;

/// <summary>
/// Rule coverage as an NUnit assertion: <c>RuleCoverage.Of(engine, cases).AssertEveryRuleFired()</c>.
/// </summary>
public sealed class RuleCoverage
{
    private RuleCoverage(RuleCoverageReport report) => Report = report;

    /// <summary>The underlying report: per rule, the cases where it fired and its near misses.</summary>
    public RuleCoverageReport Report { get; }

    /// <summary>Evaluates the cases (files or folders) against the engine's rule set.</summary>
    public static RuleCoverage Of(IOligoDecideEngine engine, IEnumerable<string> casePaths)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(casePaths);
        return new RuleCoverage(CaseRunner.Coverage(engine, CaseRunner.FindCases(casePaths)));
    }

    /// <summary>
    /// Loads a rule set folder (a hospital's own rules) and evaluates the cases (files or folders) against it.
    /// Fails with every load error (file:line:column) when the rule set is invalid.
    /// </summary>
    /// <param name="rulesDirectory">The rule set folder: <c>ruleset.yaml</c>, <c>citations.yaml</c> and rule files.</param>
    /// <param name="casePaths">Case files or folders.</param>
    public static RuleCoverage Of(string rulesDirectory, IEnumerable<string> casePaths)
    {
        ArgumentNullException.ThrowIfNull(rulesDirectory);
        ArgumentNullException.ThrowIfNull(casePaths);
        var loaded = Rules.RuleSet.Load(rulesDirectory);
        if (loaded.RuleSet is not { } ruleSet)
        {
            throw new AssertionException($"The rule set {rulesDirectory} does not load:{Environment.NewLine}" + string.Join(Environment.NewLine, loaded.Findings.Select(f => "  " + f)));
        }

        return Of(new OligoDecideEngine(ruleSet), casePaths);
    }

    /// <summary>
    /// Asserts that rule <paramref name="ruleId"/> fired on at least one case (NRules.Testing's
    /// <c>Verify(x => x.Rule().Fired())</c> over a folder of cases); the message lists its near misses.
    /// </summary>
    /// <returns>This, for chaining.</returns>
    public RuleCoverage AssertFired(string ruleId)
    {
        var rule = Entry(ruleId);
        if (!rule.Fired)
        {
            var lines = new List<string> { $"Expected rule {rule.RuleId} ({rule.Option}) to fire on some case, but it fired on none of {Report.Cases.Count} case(s)." };
            lines.AddRange(NearMisses(rule));
            throw new AssertionException(string.Join(Environment.NewLine, lines));
        }

        return this;
    }

    /// <summary>Asserts that rule <paramref name="ruleId"/> fired on no case; the message names the cases where it did.</summary>
    /// <returns>This, for chaining.</returns>
    public RuleCoverage AssertNeverFired(string ruleId)
    {
        var rule = Entry(ruleId);
        if (rule.Fired)
        {
            throw new AssertionException($"Expected rule {rule.RuleId} ({rule.Option}) to fire on no case, but it fired on {rule.FiredIn.Count}: {string.Join(", ", rule.FiredIn)}.");
        }

        return this;
    }

    /// <summary>Asserts that at least <paramref name="percent"/> percent (0-100) of the rules fired on some case, as <c>coverage --min</c>.</summary>
    /// <returns>This, for chaining.</returns>
    public RuleCoverage AssertAtLeast(decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100m);
        if (Report.Percent < percent)
        {
            var lines = new List<string> { $"Rule coverage {Pct(Report.Percent)}% is under {Pct(percent)}% ({Report.FiredCount} of {Report.Rules.Count} rules fired on {Report.Cases.Count} case(s)). Never fired:" };
            foreach (var rule in Report.Rules.Where(r => !r.Fired))
            {
                lines.Add($"  {rule.RuleId} ({rule.Option})");
                lines.AddRange(NearMisses(rule).Select(l => "  " + l));
            }

            throw new AssertionException(string.Join(Environment.NewLine, lines));
        }

        return this;
    }

    private RuleCoverageEntry Entry(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        if (Report.Rules.FirstOrDefault(r => r.RuleId == ruleId) is { } rule)
        {
            return rule;
        }

        throw new AssertionException($"The rule set has no rule '{ruleId}'. Its rules: {string.Join(", ", Report.Rules.Select(r => r.RuleId))}.");
    }

    private static IEnumerable<string> NearMisses(RuleCoverageEntry rule) =>
        (rule.CannotFire is { } why ? [$"  can never fire: {why}"] : Enumerable.Empty<string>())
            .Concat(rule.NearMisses.Select(m => $"  near miss {m.Case}: {m.Condition}" + (m.Seen.Length > 0 ? $" (seen: {m.Seen})" : string.Empty)));

    private static string Pct(decimal value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Asserts that every case was readable and every rule fired on at least one case; the message names the rules that never fired and their near misses.</summary>
    /// <returns>This, for chaining.</returns>
    public RuleCoverage AssertEveryRuleFired()
    {
        var lines = new List<string>();
        foreach (var bad in Report.InvalidCases)
        {
            lines.Add($"{bad.Path}: the case is invalid ({bad.Findings.Count(f => f.Severity == Severity.Error)} error(s)).");
        }

        foreach (var rule in Report.Rules.Where(r => !r.Fired))
        {
            lines.Add($"Rule {rule.RuleId} ({rule.Option}) fired on none of {Report.Cases.Count} case(s).");
            lines.AddRange(NearMisses(rule));
        }

        if (lines.Count > 0)
        {
            lines.Insert(0, $"Rule coverage {Report.Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}% ({Report.FiredCount} of {Report.Rules.Count} rules fired):");
            throw new AssertionException(string.Join(Environment.NewLine, lines));
        }

        return this;
    }

    /// <summary>Asserts that every rule has at least one near-miss case (a case one condition short where it stayed silent).</summary>
    /// <returns>This, for chaining.</returns>
    public RuleCoverage AssertEveryRuleHasNearMiss()
    {
        var missing = Report.Rules.Where(r => r.NearMisses.Count == 0).Select(r => r.RuleId).ToList();
        if (missing.Count > 0)
        {
            throw new AssertionException($"No near-miss case for {missing.Count} rule(s): {string.Join(", ", missing)}.");
        }

        return this;
    }
}
