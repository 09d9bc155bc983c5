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
            lines.AddRange(rule.NearMisses.Select(m => $"  near miss {m.Case}: {m.Condition}" + (m.Seen.Length > 0 ? $" (seen: {m.Seen})" : string.Empty)));
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
