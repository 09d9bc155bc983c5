using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// Tries every schedule table row of every suggested option that carries schedules against every lesion the
/// option treats. A row holds only when all its lesion and patient conditions are true; when any row of the
/// option's tables is unknown for a lesion, the lesion gets no schedule and the missing facts are listed.
/// Built once per rule set (the texts of every row's tests are made at load); <see cref="Plan"/> builds no
/// text for a row that is false for a lesion, and traces each row's patient condition at most once per patient.
/// Immutable and thread-safe.
/// </summary>
internal sealed class LesionPlanner
{
    private readonly (Treatment Treatment, PlannedRow[] Rows)[] treatments;

    public LesionPlanner(DoseScheduleSet set)
    {
        treatments = [.. set.Treatments.Select(t => (t, t.Tables.SelectMany(table => table.Rows.Select(row => new PlannedRow(table, row))).ToArray()))];
    }

    /// <summary>One row with the texts of its tests, made once.</summary>
    private sealed class PlannedRow(ScheduleTable table, ScheduleRow row)
    {
        public ScheduleTable Table { get; } = table;

        public ScheduleRow Row { get; } = row;

        /// <summary>Each lesion test's requirement, e.g. <c>organ = lung</c>, by index in <see cref="ScheduleRow.Lesion"/>.</summary>
        public string[] LesionTexts { get; } = [.. row.Lesion.Select(ConditionText.Requirement)];

        public string? SizeText { get; } = row.Size?.ToString();

        public string? WhenText { get; } = row.When is { } w ? ConditionText.Describe(w) : null;
    }

    /// <summary>The traces of the patient conditions of rows met so far for one patient (they do not depend on the lesion).</summary>
    private struct WhenTraces
    {
        private List<(Condition When, ConditionTrace Trace)>? traces;

        public ConditionTrace Of(Condition when, PatientFacts facts)
        {
            if (traces is not null)
            {
                foreach (var (w, t) in traces)
                {
                    if (ReferenceEquals(w, when))
                    {
                        return t;
                    }
                }
            }

            var trace = ThreeValued.Evaluate(when, facts, static _ => Truth.False);
            (traces ??= []).Add((when, trace));
            return trace;
        }
    }

    public IReadOnlyList<LesionPlan> Plan(PatientFacts facts, IReadOnlyList<Suggestion> suggestions)
    {
        if (treatments.Length == 0 || facts.Lesions is not { } lesions)
        {
            return [];
        }

        List<LesionPlan>? result = null;
        var whens = default(WhenTraces);
        foreach (var s in suggestions)
        {
            if (s.Kind != RuleKind.Option || s.SupersededBy is not null)
            {
                continue;
            }

            foreach (var (t, rows) in treatments)
            {
                if (!string.Equals(t.Option, s.Option, StringComparison.Ordinal) || Planned(result, t.Option))
                {
                    continue;
                }

                for (var i = 0; i < lesions.Length; i++)
                {
                    if (PlanLesion(t, rows, facts, lesions[i], i, ref whens) is { } plan)
                    {
                        (result ??= []).Add(plan);
                    }
                }
            }
        }

        return result ?? (IReadOnlyList<LesionPlan>)[];
    }

    private static bool Planned(List<LesionPlan>? result, string option)
    {
        if (result is not null)
        {
            foreach (var p in result)
            {
                if (p.Option == option)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static LesionPlan? PlanLesion(Treatment t, PlannedRow[] rows, PatientFacts facts, LesionFact lesion, int index, ref WhenTraces whens)
    {
        if (lesion.Countable != true)
        {
            return null;
        }

        if (t.Treats == TreatedLesions.Progressing)
        {
            switch (lesion.Status)
            {
                case null:
                    return new LesionPlan(t.Option, t.Treats, index, lesion.Organ, lesion.SizeMm, [], [],
                        [new MissingFact($"metastases.lesions[{index}].status", "status in [new, progressing] (the option treats progressing lesions only)")]);
                case not ("new" or "progressing"):
                    return null;
            }
        }

        if (t.Treats == TreatedLesions.One)
        {
            // The board chooses the one lesion among those that can be treated: a lesion judged not treatable is
            // no candidate, and one whose treatability is not recorded gets no schedule until it is.
            switch (lesion.Treatable)
            {
                case null:
                    return new LesionPlan(t.Option, t.Treats, index, lesion.Organ, lesion.SizeMm, [], [],
                        [new MissingFact($"metastases.lesions[{index}].treatable", "treatable = true (the option treats one lesion chosen among the treatable ones)")]);
                case false:
                    return null;
            }
        }

        List<MissingFact>? missing = null;
        List<ScheduleMatch>? schedules = null;
        List<ScheduleMatch>? cautions = null;
        var withheld = false;
        foreach (var planned in rows)
        {
            // A row false for this lesion (the usual case: another organ) is dropped at its first false test, with no text made.
            if (Parts(planned, facts, lesion, ref whens, stopAtFalse: true) is not { } parts)
            {
                continue;
            }

            var row = planned.Row;
            var (truth, because, rowMissing) = Test(parts, facts, index);
            if (truth == Truth.Unknown)
            {
                missing ??= [];
                foreach (var m in rowMissing)
                {
                    if (!missing.Contains(m))
                    {
                        missing.Add(m);
                    }
                }

                continue;
            }

            var match = new ScheduleMatch(planned.Table.Id, row.Id, row.Title, row.Doses, row.Note, row.Evidence, because);
            if (row.Kind == RowKind.Schedule)
            {
                (schedules ??= []).Add(match);
            }
            else
            {
                (cautions ??= []).Add(match);
                withheld |= row.Kind == RowKind.Withhold;
            }
        }

        // Never a guessed dose: an undecided row could be the one that applies (or withholds), so nothing is given.
        if (missing is { Count: > 0 } || withheld)
        {
            schedules = null;
        }

        return new LesionPlan(t.Option, t.Treats, index, lesion.Organ, lesion.SizeMm,
            schedules ?? (IReadOnlyList<ScheduleMatch>)[], cautions ?? (IReadOnlyList<ScheduleMatch>)[], missing ?? (IReadOnlyList<MissingFact>)[])
        {
            Withheld = withheld,
        };
    }

    /// <summary>One test of a row for one lesion: a lesion field, the size band, or the patient condition.</summary>
    /// <param name="Condition">The test in words.</param>
    /// <param name="Truth">Its truth for the lesion.</param>
    /// <param name="Field">The lesion field tested (null for the patient condition).</param>
    /// <param name="Value">The lesion field's value (null when unknown, or for the patient condition).</param>
    /// <param name="Trace">The patient condition's trace (null for a lesion test).</param>
    internal readonly record struct RowPart(string Condition, Truth Truth, string? Field, object? Value, ConditionTrace? Trace)
    {
        /// <summary>What was seen, e.g. <c>organ = lung</c>; made only when asked for.</summary>
        public string Seen => Trace is { } t ? t.Seen : $"{Field} = {ConditionText.Value(Value)}";
    }

    /// <summary>
    /// Every test of a row for one lesion, in the order written; the one place a row is decided. With
    /// <paramref name="stopAtFalse"/>, null at the first false test (the row is false whatever the others are).
    /// </summary>
    private static List<RowPart>? Parts(PlannedRow planned, PatientFacts facts, LesionFact lesion, ref WhenTraces whens, bool stopAtFalse)
    {
        var row = planned.Row;
        List<RowPart>? parts = null;
        for (var i = 0; i < row.Lesion.Count; i++)
        {
            var w = row.Lesion[i];
            var value = w.Fact.Read(lesion);
            var truth = ThreeValued.Test(w, value);
            if (truth == Truth.False && stopAtFalse)
            {
                return null;
            }

            (parts ??= new(row.Lesion.Count + 2)).Add(new RowPart(planned.LesionTexts[i], truth, w.Fact.Name, value, null));
        }

        if (row.Size is { } band)
        {
            var truth = band.Test(lesion.SizeMm);
            if (truth == Truth.False && stopAtFalse)
            {
                return null;
            }

            (parts ??= new(2)).Add(new RowPart(planned.SizeText!, truth, "sizeMm", lesion.SizeMm, null));
        }

        if (row.When is { } when)
        {
            var trace = whens.Of(when, facts);
            if (trace.Truth == Truth.False && stopAtFalse)
            {
                return null;
            }

            (parts ??= new(1)).Add(new RowPart(planned.WhenText!, trace.Truth, null, null, trace));
        }

        return parts ?? [];
    }

    /// <summary>A row that is not false for a lesion: unknown with what is missing, or true with why.</summary>
    private static (Truth Truth, List<Reason> Because, List<MissingFact> Missing) Test(List<RowPart> parts, PatientFacts facts, int index)
    {
        var because = new List<Reason>();
        var missing = new List<MissingFact>();
        var truth = Truth.True;
        foreach (var part in parts)
        {
            switch (part.Truth)
            {
                case Truth.False:
                    return (Truth.False, [], []);
                case Truth.Unknown:
                    truth = Truth.Unknown;
                    if (part.Trace is { } t)
                    {
                        missing.AddRange(Explanations.Missing(t, facts));
                    }
                    else
                    {
                        missing.Add(new MissingFact($"metastases.lesions[{index}].{part.Field}", part.Condition));
                    }

                    break;
                default:
                    if (part.Trace is { } tr)
                    {
                        because.AddRange(Explanations.Because(tr));
                    }
                    else
                    {
                        because.Add(new Reason(part.Condition, part.Seen));
                    }

                    break;
            }
        }

        return (truth, because, missing);
    }

    /// <summary>The first false leaf of a false patient condition, as "condition (seen)".</summary>
    private static string FalseLeaf(ConditionTrace t)
    {
        var leaf = t;
        while (leaf.Children.FirstOrDefault(c => c.Truth == Truth.False) is { } child)
        {
            leaf = child;
        }

        return leaf.Seen.Length > 0 ? leaf.Seen : ConditionText.Describe(leaf.Condition);
    }

    /// <summary>
    /// For coverage: each (table, row) that held for some lesion of the decision, and each near miss (a treated
    /// lesion for which exactly one test of the row was false and none unknown) with the test and what was seen.
    /// </summary>
    internal (List<(string Table, string Row)> Held, List<(string Table, string Row, string Condition, string Seen)> NearMisses) Outcomes(PatientFacts facts, IReadOnlyList<LesionPlan> plans)
    {
        var held = new List<(string, string)>();
        var near = new List<(string, string, string, string)>();
        if (facts.Lesions is not { } lesions)
        {
            return (held, near);
        }

        var whens = default(WhenTraces);
        foreach (var plan in plans)
        {
            var rows = treatments.First(t => t.Treatment.Option == plan.Option).Rows;
            foreach (var planned in rows)
            {
                var parts = Parts(planned, facts, lesions[plan.Lesion], ref whens, stopAtFalse: false)!;
                var (table, row) = (planned.Table, planned.Row);
                if (parts.TrueForAll(p => p.Truth == Truth.True))
                {
                    held.Add((table.Id, row.Id));
                }
                else if (!parts.Exists(p => p.Truth == Truth.Unknown) && parts.Count(p => p.Truth == Truth.False) == 1
                    && parts.First(p => p.Truth == Truth.False) is { Field: not "organ" } miss)
                {
                    // A lesion in another organ is not a near miss: the row was never about it.
                    near.Add((table.Id, row.Id, miss.Condition, miss.Trace is { } t ? FalseLeaf(t) : miss.Seen));
                }
            }
        }

        return (held, near);
    }
}
