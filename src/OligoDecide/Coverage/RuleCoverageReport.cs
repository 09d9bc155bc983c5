using OligoDecide.Rules;

namespace OligoDecide.Coverage;

/// <summary>
/// Which rules of a rule set the given cases exercise: for each rule, the cases where it fired and
/// the cases where it was one condition short (near misses).
/// </summary>
/// <param name="Rules">One entry per rule, in rule-set order (priority, then id).</param>
/// <param name="Cases">The valid case files that were evaluated, in the order given.</param>
/// <param name="InvalidCases">Case files that could not be read, with their findings; they count for nothing.</param>
public sealed record RuleCoverageReport(
    IReadOnlyList<RuleCoverageEntry> Rules,
    IReadOnlyList<string> Cases,
    IReadOnlyList<CaseResult> InvalidCases)
{
    /// <summary>The number of rules that fired on at least one case.</summary>
    public int FiredCount => Rules.Count(r => r.Fired);

    /// <summary>Percent of rules that fired on at least one case (0 to 100; 100 for an empty rule set).</summary>
    public decimal Percent => Rules.Count == 0 ? 100m : Math.Round(100m * FiredCount / Rules.Count, 1, MidpointRounding.ToZero);

    /// <summary>The ids of the rules that fired on no case.</summary>
    public IReadOnlyList<string> NeverFired => [.. Rules.Where(r => !r.Fired).Select(r => r.RuleId)];

    /// <summary>One entry per dose schedule table row (<c>schedules:</c> in rule files), by table id then row order.</summary>
    public IReadOnlyList<ScheduleRowCoverageEntry> ScheduleRows { get; init; } = [];

    /// <summary>Percent of schedule table rows that held for a treated lesion of some case (100 when there are none).</summary>
    public decimal ScheduleRowPercent => ScheduleRows.Count == 0 ? 100m : Math.Round(100m * ScheduleRows.Count(r => r.HeldIn.Count > 0) / ScheduleRows.Count, 1, MidpointRounding.ToZero);

    /// <summary>The rows (<c>table/row</c>) that held on no case.</summary>
    public IReadOnlyList<string> RowsNeverHeld => [.. ScheduleRows.Where(r => r.HeldIn.Count == 0).Select(r => r.Table + "/" + r.Row)];
}

/// <summary>Coverage of one schedule table row.</summary>
/// <param name="Table">Table id.</param>
/// <param name="Row">Row id.</param>
/// <param name="HeldIn">The cases where the row held for some treated lesion (a caution row counts).</param>
/// <param name="NearMisses">The cases where, for some treated lesion, exactly one test of the row was false and none unknown.</param>
public sealed record ScheduleRowCoverageEntry(string Table, string Row, IReadOnlyList<string> HeldIn, IReadOnlyList<NearMiss> NearMisses);

/// <summary>Coverage of one rule.</summary>
/// <param name="RuleId">The rule id.</param>
/// <param name="Option">The option code the rule suggests.</param>
/// <param name="Kind">Option or caution.</param>
/// <param name="FiredIn">The cases where all its conditions held (superseded suggestions count: the rule fired).</param>
/// <param name="NearMisses">The cases where exactly one top-level condition was false and none unknown; none for a rule that can never fire.</param>
public sealed record RuleCoverageEntry(
    string RuleId,
    string Option,
    RuleKind Kind,
    IReadOnlyList<string> FiredIn,
    IReadOnlyList<NearMiss> NearMisses)
{
    /// <summary>True when the rule fired on at least one case.</summary>
    public bool Fired => FiredIn.Count > 0;

    /// <summary>
    /// Why the rule can never fire whatever the patient (its conditions contradict, directly or through a
    /// derived fact, state or chained suggestion), as <c>lint</c> warns; null when no contradiction was found.
    /// No case can cover such a rule: fix its conditions instead of adding cases.
    /// </summary>
    public string? CannotFire { get; init; }
}

/// <summary>A case where a rule was one condition short of firing.</summary>
/// <param name="Case">The case file.</param>
/// <param name="Condition">The one top-level condition that was false, in words.</param>
/// <param name="Seen">What the case showed for it, e.g. <c>ecog = 2</c>.</param>
public sealed record NearMiss(string Case, string Condition, string Seen);
