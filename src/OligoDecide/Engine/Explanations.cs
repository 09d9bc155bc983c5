using OligoDecide.Facts;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>Turns three-valued traces into reasons (<c>because</c>), missing facts (<c>couldApply</c>) and explain lines.</summary>
internal static class Explanations
{
    /// <summary>The conditions that made a true rule true, each with what was seen.</summary>
    /// <remarks>Made once per trace: a shared trace (see <see cref="ConditionTrace.Shared"/>) gives the same read-only list to every decision.</remarks>
    public static IReadOnlyList<Reason> Because(ConditionTrace trace)
    {
        if (trace.Because is { } made)
        {
            return made;
        }

        var reasons = new List<Reason>(Math.Max(trace.Children.Count, 1));
        trace.Condition.Accept(BecauseVisitor.Instance, (trace, reasons));
        IReadOnlyList<Reason> result = Distinct(reasons).AsReadOnly();
        if (trace.Shared)
        {
            trace.Because = result;
        }

        return result;
    }

    /// <summary>Removes repeats in place, keeping the first of each (lists are a handful long: no hashing).</summary>
    private static List<T> Distinct<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            if (items.IndexOf(items[i]) < i)
            {
                items.RemoveAt(i);
            }
        }

        return items;
    }

    private static IEnumerable<ConditionTrace> Leaves(ConditionTrace t) =>
        t.Children.Count == 0 ? [t] : t.Children.SelectMany(Leaves);

    /// <summary>For an unknown rule: each missing fact and what it would need to be.</summary>
    public static List<MissingFact> Missing(ConditionTrace trace, PatientFacts facts)
    {
        var missing = new List<MissingFact>();
        CollectMissing(trace, new MissingContext(false, missing, facts.Lesions, facts.Therapies));
        return Distinct(missing);
    }

    private static void CollectMissing(ConditionTrace t, MissingContext context)
    {
        if (t.Truth == Truth.Unknown)
        {
            t.Condition.Accept(MissingVisitor.Instance, (t, context));
        }
    }

    private static string Polarity(string requirement, bool negated) => negated ? $"not ({requirement})" : requirement;

    /// <summary>The words <c>explain</c> shows for one condition node (a group as "all of:", a leaf as its requirement).</summary>
    public static string Line(Condition condition) => condition.Accept(LineText.Instance, default);

    private sealed record MissingContext(bool Negated, List<MissingFact> Missing, LesionFact[]? Lesions, TherapyFact[]? Therapies);

    /// <summary>The patient-document keys of a systemic therapy that decide a therapy field (what to record when it is unknown).</summary>
    private static string TherapySource(string field) => field switch
    {
        "drugClass" => "drugClasses",
        "checkpointInhibitor" or "chemotherapy" or "targeted" => "kind",
        "ongoing" => "ongoing",
        "months" => "stoppedOn",
        "freeIntervalDays" => "stoppedOn",
        "progressed" => "bestResponse",
        _ => field,
    };

    /// <summary>Reasons: a group gives its (true) members' reasons; a <c>not</c> is one reason; a leaf is one reason.</summary>
    private sealed class BecauseVisitor : ConditionVisitor<(ConditionTrace Trace, List<Reason> Reasons), bool>
    {
        public static readonly BecauseVisitor Instance = new();

        public override bool VisitAll(AllCondition condition, (ConditionTrace Trace, List<Reason> Reasons) arg)
        {
            foreach (var c in arg.Trace.Children)
            {
                c.Condition.Accept(this, (c, arg.Reasons));
            }

            return true;
        }

        public override bool VisitAny(AnyCondition condition, (ConditionTrace Trace, List<Reason> Reasons) arg)
        {
            foreach (var c in arg.Trace.Children)
            {
                if (c.Truth == Truth.True)
                {
                    c.Condition.Accept(this, (c, arg.Reasons));
                }
            }

            return true;
        }

        public override bool VisitNot(NotCondition condition, (ConditionTrace Trace, List<Reason> Reasons) arg)
        {
            arg.Reasons.Add(new Reason(ConditionText.Describe(condition), string.Join("; ", Leaves(arg.Trace).Select(l => l.Seen).Where(s => s.Length > 0))));
            return true;
        }

        public override bool VisitFact(FactCondition condition, (ConditionTrace Trace, List<Reason> Reasons) arg) => Leaf(arg);

        public override bool VisitLesions(LesionCondition condition, (ConditionTrace Trace, List<Reason> Reasons) arg) => Leaf(arg);

        public override bool VisitTherapies(TherapyCondition condition, (ConditionTrace Trace, List<Reason> Reasons) arg) => Leaf(arg);

        public override bool VisitSuggested(SuggestedCondition condition, (ConditionTrace Trace, List<Reason> Reasons) arg) => Leaf(arg);

        private static bool Leaf((ConditionTrace Trace, List<Reason> Reasons) arg)
        {
            arg.Reasons.Add(arg.Trace.LeafReason);
            return true;
        }
    }

    /// <summary>Missing facts of an unknown node: groups recurse, <c>not</c> flips the polarity, leaves name their fact.</summary>
    private sealed class MissingVisitor : ConditionVisitor<(ConditionTrace Trace, MissingContext Context), bool>
    {
        public static readonly MissingVisitor Instance = new();

        public override bool VisitAll(AllCondition condition, (ConditionTrace Trace, MissingContext Context) arg) => Children(arg);

        public override bool VisitAny(AnyCondition condition, (ConditionTrace Trace, MissingContext Context) arg) => Children(arg);

        public override bool VisitNot(NotCondition condition, (ConditionTrace Trace, MissingContext Context) arg)
        {
            CollectMissing(arg.Trace.Children[0], arg.Context with { Negated = !arg.Context.Negated });
            return true;
        }

        public override bool VisitFact(FactCondition condition, (ConditionTrace Trace, MissingContext Context) arg)
        {
            arg.Context.Missing.Add(arg.Context.Negated ? new MissingFact(condition.Fact.Name, Polarity(ConditionText.Describe(condition), negated: true)) : arg.Trace.FactMissing);
            return true;
        }

        public override bool VisitLesions(LesionCondition condition, (ConditionTrace Trace, MissingContext Context) arg)
        {
            var need = Polarity(ConditionText.Describe(condition), arg.Context.Negated);
            if (arg.Context.Lesions is not { } lesions)
            {
                arg.Context.Missing.Add(new MissingFact("metastases.lesions", need));
                return true;
            }

            for (var i = 0; i < lesions.Length; i++)
            {
                var fact = lesions[i];
                if (ThreeValued.Where(condition.Where, fact) != Truth.Unknown)
                {
                    continue;
                }

                foreach (var w in condition.Where.Where(w => ThreeValued.Test(w, w.Fact.Read(fact)) == Truth.Unknown))
                {
                    // detectedOnTherapy is decided by the lesion's date and the therapies' start and stop dates: name what is missing.
                    var source = w.Fact.Name != "detectedOnTherapy" ? $"metastases.lesions[{i}].{w.Fact.Name}"
                        : fact.DetectedOnRecorded ? "systemicTherapies" : $"metastases.lesions[{i}].detectedOn";
                    arg.Context.Missing.Add(new MissingFact(source, need));
                }
            }

            return true;
        }

        public override bool VisitTherapies(TherapyCondition condition, (ConditionTrace Trace, MissingContext Context) arg)
        {
            var need = Polarity(ConditionText.Describe(condition), arg.Context.Negated);
            if (arg.Context.Therapies is not { } therapies)
            {
                arg.Context.Missing.Add(new MissingFact("systemicTherapies", need));
                return true;
            }

            for (var i = 0; i < therapies.Length; i++)
            {
                var fact = therapies[i];
                if (ThreeValued.Where(condition.Where, fact) != Truth.Unknown)
                {
                    continue;
                }

                foreach (var w in condition.Where.Where(w => ThreeValued.Test(w, w.Fact.Read(fact)) == Truth.Unknown))
                {
                    arg.Context.Missing.Add(new MissingFact(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"systemicTherapies[{i}].{TherapySource(w.Fact.Name)}"), need));
                }
            }

            return true;
        }

        public override bool VisitSuggested(SuggestedCondition condition, (ConditionTrace Trace, MissingContext Context) arg)
        {
            arg.Context.Missing.Add(new MissingFact(
                condition.Tag is { } tag ? $"options tagged {tag}" : condition.Options.Count == 1 ? $"option {condition.Options[0]}" : $"options {string.Join(", ", condition.Options)}",
                Polarity($"{condition.Label} suggested (itself undecided)", arg.Context.Negated)));
            return true;
        }

        private static bool Children((ConditionTrace Trace, MissingContext Context) arg)
        {
            foreach (var c in arg.Trace.Children)
            {
                CollectMissing(c, arg.Context);
            }

            return true;
        }
    }

    /// <summary>The text of one explain line: groups as a heading, leaves in words.</summary>
    private sealed class LineText : ConditionVisitor<ValueTuple, string>
    {
        public static readonly LineText Instance = new();

        public override string VisitAll(AllCondition condition, ValueTuple arg) => "all of:";

        public override string VisitAny(AnyCondition condition, ValueTuple arg) => "any of:";

        public override string VisitNot(NotCondition condition, ValueTuple arg) => "not:";

        public override string VisitFact(FactCondition condition, ValueTuple arg) => ConditionText.Describe(condition);

        public override string VisitLesions(LesionCondition condition, ValueTuple arg) => ConditionText.Describe(condition);

        public override string VisitTherapies(TherapyCondition condition, ValueTuple arg) => ConditionText.Describe(condition);

        public override string VisitSuggested(SuggestedCondition condition, ValueTuple arg) => ConditionText.Describe(condition);
    }
}
