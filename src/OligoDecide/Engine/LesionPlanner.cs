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

    private static (Truth Truth, List<Reason> Because, List<MissingFact> Missing) Test(ScheduleRow row, PatientFacts facts, LesionFact lesion, int index)
    {
        var because = new List<Reason>();
        var missing = new List<MissingFact>();
        var truth = Truth.True;
        foreach (var w in row.Lesion)
        {
            var value = w.Fact.Read(lesion);
            var need = ConditionText.Requirement(w);
            switch (ThreeValued.Test(w, value))
            {
                case Truth.False:
                    return (Truth.False, because, missing);
                case Truth.Unknown:
                    truth = Truth.Unknown;
                    missing.Add(new MissingFact($"metastases.lesions[{index}].{w.Fact.Name}", need));
                    break;
                default:
                    because.Add(new Reason(need, $"{w.Fact.Name} = {ConditionText.Value(value)}"));
                    break;
            }
        }

        if (row.Size is { } band)
        {
            switch (band.Test(lesion.SizeMm))
            {
                case Truth.False:
                    return (Truth.False, because, missing);
                case Truth.Unknown:
                    truth = Truth.Unknown;
                    missing.Add(new MissingFact($"metastases.lesions[{index}].sizeMm", band.ToString()));
                    break;
                default:
                    because.Add(new Reason(band.ToString(), $"sizeMm = {ConditionText.Value(lesion.SizeMm)}"));
                    break;
            }
        }

        if (row.When is { } when)
        {
            var trace = ThreeValued.Evaluate(when, facts, static _ => Truth.False);
            switch (trace.Truth)
            {
                case Truth.False:
                    return (Truth.False, because, missing);
                case Truth.Unknown:
                    truth = Truth.Unknown;
                    missing.AddRange(Explanations.Missing(trace, facts.Lesions));
                    break;
                default:
                    because.AddRange(Explanations.Because(trace));
                    break;
            }
        }

        return (truth, because, missing);
    }
}
