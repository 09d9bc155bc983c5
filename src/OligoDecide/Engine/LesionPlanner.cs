using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// Tries every schedule table row of every suggested option that carries schedules against every lesion the
/// option treats. A row holds only when all its lesion and patient conditions are true; when any row of the
/// option's tables is unknown for a lesion, the lesion gets no schedule and the missing facts are listed.
/// </summary>
internal static class LesionPlanner
{
    public static IReadOnlyList<LesionPlan> Plan(DoseScheduleSet set, PatientFacts facts, IReadOnlyList<Suggestion> suggestions)
    {
        if (set.Treatments.Count == 0 || facts.Lesions is not { } lesions)
        {
            return [];
        }

        var result = new List<LesionPlan>();
        foreach (var s in suggestions)
        {
            if (s.Kind != RuleKind.Option || s.SupersededBy is not null)
            {
                continue;
            }

            foreach (var t in set.Treatments)
            {
                if (!string.Equals(t.Option, s.Option, StringComparison.Ordinal) || result.Exists(p => p.Option == t.Option))
                {
                    continue;
                }

                for (var i = 0; i < lesions.Length; i++)
                {
                    if (PlanLesion(t, facts, lesions[i], i) is { } plan)
                    {
                        result.Add(plan);
                    }
                }
            }
        }

        return result;
    }

    private static LesionPlan? PlanLesion(Treatment t, PatientFacts facts, LesionFact lesion, int index)
    {
        if (lesion.Countable != true)
        {
            return null;
        }

        var missing = new List<MissingFact>();
        if (t.Treats == TreatedLesions.Progressing)
        {
            switch (lesion.Status)
            {
                case null:
                    missing.Add(new MissingFact($"metastases.lesions[{index}].status", "status in [new, progressing] (the option treats progressing lesions only)"));
                    return new LesionPlan(t.Option, t.Treats, index, lesion.Organ, lesion.SizeMm, [], [], missing);
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
                    missing.Add(new MissingFact($"metastases.lesions[{index}].treatable", "treatable = true (the option treats one lesion chosen among the treatable ones)"));
                    return new LesionPlan(t.Option, t.Treats, index, lesion.Organ, lesion.SizeMm, [], [], missing);
                case false:
                    return null;
            }
        }

        var schedules = new List<ScheduleMatch>();
        var cautions = new List<ScheduleMatch>();
        var withheld = false;
        foreach (var table in t.Tables)
        {
            foreach (var row in table.Rows)
            {
                var (truth, because, rowMissing) = Test(row, facts, lesion, index);
                if (truth == Truth.Unknown)
                {
                    foreach (var m in rowMissing)
                    {
                        if (!missing.Contains(m))
                        {
                            missing.Add(m);
                        }
                    }

                    continue;
                }

                if (truth == Truth.False)
                {
                    continue;
                }

                var match = new ScheduleMatch(table.Id, row.Id, row.Title, row.Doses, row.Note, row.Evidence, because);
                if (row.Kind == RowKind.Schedule)
                {
                    schedules.Add(match);
                }
                else
                {
                    cautions.Add(match);
                    withheld |= row.Kind == RowKind.Withhold;
                }
            }
        }

        // Never a guessed dose: an undecided row could be the one that applies (or withholds), so nothing is given.
        if (missing.Count > 0 || withheld)
        {
            schedules.Clear();
        }

        return new LesionPlan(t.Option, t.Treats, index, lesion.Organ, lesion.SizeMm, schedules, cautions, missing) { Withheld = withheld };
    }

    /// <summary>One test of a row for one lesion: a lesion field, the size band, or the patient condition.</summary>
    internal readonly record struct RowPart(string Condition, Truth Truth, string Seen, string? Field, ConditionTrace? Trace);

    /// <summary>Every test of a row for one lesion, in the order written; the one place a row is decided.</summary>
    internal static List<RowPart> Parts(ScheduleRow row, PatientFacts facts, LesionFact lesion)
    {
        var parts = new List<RowPart>(row.Lesion.Count + 2);
        foreach (var w in row.Lesion)
        {
            var value = w.Fact.Read(lesion);
            parts.Add(new RowPart(ConditionText.Requirement(w), ThreeValued.Test(w, value), $"{w.Fact.Name} = {ConditionText.Value(value)}", w.Fact.Name, null));
        }

        if (row.Size is { } band)
        {
            parts.Add(new RowPart(band.ToString(), band.Test(lesion.SizeMm), $"sizeMm = {ConditionText.Value(lesion.SizeMm)}", "sizeMm", null));
        }

        if (row.When is { } when)
        {
            var trace = ThreeValued.Evaluate(when, facts, static _ => Truth.False);
            parts.Add(new RowPart(ConditionText.Describe(when), trace.Truth, trace.Seen, null, trace));
        }

        return parts;
    }

    private static (Truth Truth, List<Reason> Because, List<MissingFact> Missing) Test(ScheduleRow row, PatientFacts facts, LesionFact lesion, int index)
    {
        var because = new List<Reason>();
        var missing = new List<MissingFact>();
        var truth = Truth.True;
        foreach (var part in Parts(row, facts, lesion))
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
    internal static (List<(string Table, string Row)> Held, List<(string Table, string Row, string Condition, string Seen)> NearMisses) Outcomes(DoseScheduleSet set, PatientFacts facts, IReadOnlyList<LesionPlan> plans)
    {
        var held = new List<(string, string)>();
        var near = new List<(string, string, string, string)>();
        if (facts.Lesions is not { } lesions)
        {
            return (held, near);
        }

        foreach (var plan in plans)
        {
            var treatment = set.Treatments.First(t => t.Option == plan.Option);
            foreach (var table in treatment.Tables)
            {
                foreach (var row in table.Rows)
                {
                    var parts = Parts(row, facts, lesions[plan.Lesion]);
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
        }

        return (held, near);
    }
}
