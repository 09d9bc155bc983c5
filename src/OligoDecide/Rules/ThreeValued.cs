using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>Kleene three-valued truth: a condition on an unknown fact is unknown, never false.</summary>
public enum Truth
{
    /// <summary>Holds.</summary>
    True,

    /// <summary>Does not hold.</summary>
    False,

    /// <summary>Cannot be decided: a needed fact is missing.</summary>
    Unknown,
}

/// <summary>The outcome of one condition node for one patient, with what was seen.</summary>
/// <remarks>
/// <see cref="Seen"/> is formatted on first read: rules that are true or undecided are traced, but
/// only the traces of fired rules (<c>because</c>) and of <c>explain</c> show what was seen.
/// </remarks>
internal sealed record ConditionTrace(Condition Condition, Truth Truth, IReadOnlyList<ConditionTrace> Children)
{
    private string? seen;

    /// <summary>What was seen, e.g. <c>ecog = 1</c>; empty for groups.</summary>
    public string Seen => seen ??= Format();

    /// <summary>The fact value seen (fact conditions); for <c>suggested</c> with several options or a tag, the options that were suggested (string[]).</summary>
    internal object? Value { get; init; }

    /// <summary>Lesions (or therapies) that matched, did not decide, and were recorded (quantifiers; -1 total when not recorded).</summary>
    internal (int Matched, int Undecided, int Total) Lesions { get; init; }

    /// <summary>The possible values of an unknown fact that has them (the state of an indeterminate case).</summary>
    internal object[]? Possible { get; init; }

    private Engine.Reason? reason;

    private IReadOnlyList<Engine.Reason>? because;

    private Engine.MissingFact? missing;

    /// <summary>A leaf's reason for <c>because</c>: its condition in words and what was seen (made once per trace; leaf traces are shared).</summary>
    internal Engine.Reason LeafReason => reason ??= new(ConditionText.Describe(Condition), Seen);

    /// <summary>True when this trace is kept in its node's cache and handed out again (it and everything below it are then immutable and shared).</summary>
    internal bool Shared { get; init; }

    /// <summary>The reasons made from this trace, once (see <c>Explanations.Because</c>); null until made.</summary>
    internal IReadOnlyList<Engine.Reason>? Because
    {
        get => Volatile.Read(ref because);
        set => Volatile.Write(ref because, value);
    }

    /// <summary>An unknown fact test's missing fact, not negated (made once per trace; leaf traces are shared).</summary>
    internal Engine.MissingFact FactMissing => missing ??= new(((FactCondition)Condition).Fact.Name, ConditionText.Describe(Condition));

    private string Format() => Condition.Accept(SeenText.Instance, this);

    /// <summary>What was seen, per kind: the fact's value, the lesion counts, the option's state; nothing for groups.</summary>
    private sealed class SeenText : ConditionVisitor<ConditionTrace, string>
    {
        public static readonly SeenText Instance = new();

        public override string VisitAll(AllCondition condition, ConditionTrace arg) => string.Empty;

        public override string VisitAny(AnyCondition condition, ConditionTrace arg) => string.Empty;

        public override string VisitNot(NotCondition condition, ConditionTrace arg) => string.Empty;

        public override string VisitFact(FactCondition condition, ConditionTrace arg) => arg.Value is null && arg.Possible is { } possible
            ? $"{condition.Fact.Name} = unknown (possible: {string.Join(", ", possible.Select(ConditionText.Value))})"
            : condition.Fact.SeenText(arg.Value);

        public override string VisitLesions(LesionCondition condition, ConditionTrace arg) => Counts(arg, "lesion", "lesions");

        public override string VisitTherapies(TherapyCondition condition, ConditionTrace arg) => Counts(arg, "therapy", "systemic therapies");

        private static string Counts(ConditionTrace arg, string noun, string plural) => arg.Lesions.Total < 0
            ? $"{plural} not recorded"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{arg.Lesions.Matched} of {arg.Lesions.Total} {noun}(s) match")
              + (arg.Lesions.Undecided > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {arg.Lesions.Undecided} undecided (a field not recorded)") : string.Empty);

        public override string VisitSuggested(SuggestedCondition condition, ConditionTrace arg)
        {
            // With several options (or a tag), what was seen names the options that were suggested.
            var options = string.Join(", ", condition.Options);
            var suggested = arg.Value is string[] { Length: > 0 } s ? string.Join(", ", s) : options;
            return (condition.Tag, condition.Options.Count, arg.Truth) switch
            {
                ({ } tag, _, Truth.True) => $"{suggested} suggested",
                ({ } tag, _, Truth.False) => $"no option tagged {tag} suggested",
                ({ } tag, _, _) => $"options tagged {tag} undecided (could apply)",
                (null, 1, Truth.True) => $"option {options} suggested",
                (null, 1, Truth.False) => $"option {options} not suggested",
                (null, 1, _) => $"option {options} undecided (could apply)",
                (null, _, Truth.True) => $"{suggested} suggested",
                (null, _, Truth.False) => $"none of options {options} suggested",
                _ => $"options {options} undecided (could apply)",
            };
        }
    }
}

/// <summary>What the interpreter reads: the patient's facts, and the state of each option for <c>suggested</c>.</summary>
internal readonly record struct FactsAndOptions(PatientFacts Facts, Func<string, Truth> Suggested);

/// <summary>
/// Interprets a condition tree over a patient's facts in three-valued logic. This is the reference
/// semantics: the compiled evaluator (<see cref="TruthCompiler"/>) is checked against it at load and in
/// property tests, and the NRules compilation must fire exactly when it returns <see cref="Truth.True"/>
/// (property tests; the engine's opt-in verification mode). It also builds the traces behind
/// <c>because</c>, <c>couldApply</c> and <c>explain</c>.
/// </summary>
internal static class ThreeValued
{
    public static ConditionTrace Evaluate(Condition condition, PatientFacts facts, Func<string, Truth> suggested) =>
        condition.Accept(Tracer.Instance, new FactsAndOptions(facts, suggested));

    /// <summary>
    /// The truth of a condition without a trace. The compiled evaluator (<see cref="TruthCompiler"/>) decides
    /// rules; this is its reference at load (probes) and in the property tests.
    /// </summary>
    public static Truth TruthOf(Condition condition, PatientFacts facts, Func<string, Truth> suggested) =>
        condition.Accept(Decider.Instance, new FactsAndOptions(facts, suggested));

    /// <summary>The trace of each kind: the node's truth, its children's traces, what was read.</summary>
    private sealed class Tracer : ConditionVisitor<FactsAndOptions, ConditionTrace>
    {
        public static readonly Tracer Instance = new();

        public override ConditionTrace VisitAll(AllCondition condition, FactsAndOptions arg) => Group(condition, condition.Items, Truth.False, Truth.True, arg);

        public override ConditionTrace VisitAny(AnyCondition condition, FactsAndOptions arg) => Group(condition, condition.Items, Truth.True, Truth.False, arg);

        public override ConditionTrace VisitNot(NotCondition condition, FactsAndOptions arg)
        {
            var inner = condition.Inner.Accept(this, arg);
            var cache = condition.Cache;
            return cache.FindGroup([inner]) ?? cache.AddGroup(new(condition, Negate(inner.Truth), [inner]));
        }

        /// <summary>
        /// An all/any node: its children's traces, combined. When every child's trace is a shared one, so is the
        /// node's (one per combination of children seen), and nothing is allocated for it again.
        /// </summary>
        private ConditionTrace Group(Condition condition, IReadOnlyList<Condition> items, Truth dominant, Truth neutral, FactsAndOptions arg)
        {
            if (items.Count > SmallGroup.Length)
            {
                var all = EvaluateAll(items, arg);
                return new(condition, Combine(all, dominant, neutral), all);
            }

            var buffer = default(SmallGroup);
            Span<ConditionTrace> children = buffer;
            children = children[..items.Count];
            for (var i = 0; i < children.Length; i++)
            {
                children[i] = items[i].Accept(this, arg);
            }

            var cache = condition.Cache;
            if (cache.FindGroup(children) is { } shared)
            {
                return shared;
            }

            var copy = children.ToArray();
            return cache.AddGroup(new(condition, Combine(copy, dominant, neutral), copy));
        }

        public override ConditionTrace VisitFact(FactCondition condition, FactsAndOptions arg)
        {
            var value = condition.Fact.Read(arg.Facts);
            var possible = value is null && condition.Operator != FactOperator.Exists ? condition.Fact.ReadPossible(arg.Facts) : null;
            if (possible is not null)
            {
                return new(condition, TestPossible(condition, possible), []) { Value = value, Possible = possible };
            }

            // Without possible values the trace depends only on the value read: one per value seen, shared.
            var cache = condition.Cache;
            return cache.Find(value, 0) ?? cache.Add(value, 0, new(condition, Test(condition, value), []) { Value = value });
        }

        public override ConditionTrace VisitLesions(LesionCondition condition, FactsAndOptions arg) =>
            EvaluateItems(condition, condition.Quantifier, condition.Where, condition.Min, condition.Max, arg.Facts.Lesions);

        public override ConditionTrace VisitTherapies(TherapyCondition condition, FactsAndOptions arg) =>
            EvaluateItems(condition, condition.Quantifier, condition.Where, condition.Min, condition.Max, arg.Facts.Therapies);

        public override ConditionTrace VisitSuggested(SuggestedCondition condition, FactsAndOptions arg) =>
            new(condition, AnySuggested(condition, arg.Suggested), []) { Value = condition.Options.Where(o => arg.Suggested(o) == Truth.True).ToArray() };

        private ConditionTrace[] EvaluateAll(IReadOnlyList<Condition> items, FactsAndOptions arg)
        {
            var children = new ConditionTrace[items.Count];
            for (var i = 0; i < children.Length; i++)
            {
                children[i] = items[i].Accept(this, arg);
            }

            return children;
        }
    }

    /// <summary>The truth of each kind, short-circuiting, without a trace.</summary>
    private sealed class Decider : ConditionVisitor<FactsAndOptions, Truth>
    {
        public static readonly Decider Instance = new();

        public override Truth VisitAll(AllCondition condition, FactsAndOptions arg)
        {
            var result = Truth.True;
            var items = condition.Items;
            for (var i = 0; i < items.Count; i++)
            {
                var t = items[i].Accept(this, arg);
                if (t == Truth.False)
                {
                    return Truth.False;
                }

                if (t == Truth.Unknown)
                {
                    result = Truth.Unknown;
                }
            }

            return result;
        }

        public override Truth VisitAny(AnyCondition condition, FactsAndOptions arg)
        {
            var result = Truth.False;
            var items = condition.Items;
            for (var i = 0; i < items.Count; i++)
            {
                var t = items[i].Accept(this, arg);
                if (t == Truth.True)
                {
                    return Truth.True;
                }

                if (t == Truth.Unknown)
                {
                    result = Truth.Unknown;
                }
            }

            return result;
        }

        public override Truth VisitNot(NotCondition condition, FactsAndOptions arg) => Negate(condition.Inner.Accept(this, arg));

        public override Truth VisitFact(FactCondition condition, FactsAndOptions arg) => TestWithPossible(condition, arg.Facts);

        public override Truth VisitLesions(LesionCondition condition, FactsAndOptions arg)
        {
            if (arg.Facts.Lesions is not { } lesions)
            {
                return Truth.Unknown;
            }

            var (t, u) = CountItems(condition.Where, lesions);
            return Quantified(condition.Quantifier, condition.Min, condition.Max, t, u, lesions.Length);
        }

        public override Truth VisitTherapies(TherapyCondition condition, FactsAndOptions arg)
        {
            if (arg.Facts.Therapies is not { } therapies)
            {
                return Truth.Unknown;
            }

            var (t, u) = CountItems(condition.Where, therapies);
            return Quantified(condition.Quantifier, condition.Min, condition.Max, t, u, therapies.Length);
        }

        public override Truth VisitSuggested(SuggestedCondition condition, FactsAndOptions arg) => AnySuggested(condition, arg.Suggested);
    }

    /// <summary>Kleene OR over the chained options: true when one is suggested, false when none is and none is undecided.</summary>
    internal static Truth AnySuggested(SuggestedCondition condition, Func<string, Truth> suggested)
    {
        var result = Truth.False;
        foreach (var option in condition.Options)
        {
            var t = suggested(option);
            if (t == Truth.True)
            {
                return Truth.True;
            }

            if (t == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }

    /// <summary>Room for the children of a group node traced without allocating (larger groups allocate).</summary>
    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct SmallGroup
    {
        public const int Length = 8;

        private ConditionTrace element;
    }

    /// <summary>Kleene AND (<paramref name="dominant"/> = false) or OR (<paramref name="dominant"/> = true) of the children's truths.</summary>
    private static Truth Combine(ConditionTrace[] children, Truth dominant, Truth neutral)
    {
        var result = neutral;
        foreach (var c in children)
        {
            if (c.Truth == dominant)
            {
                return dominant;
            }

            if (c.Truth == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }

    public static Truth Negate(Truth t) => t switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };

    /// <summary>
    /// A fact test on the patient's facts: <see cref="Test"/> of the value, or, when the value is unknown but
    /// its possible values are known (the state of an indeterminate case), <see cref="TestPossible"/>.
    /// </summary>
    public static Truth TestWithPossible(FactCondition c, PatientFacts facts)
    {
        var value = c.Fact.Read(facts);
        return value is null && c.Operator != FactOperator.Exists && c.Fact.ReadPossible(facts) is { } possible
            ? TestPossible(c, possible)
            : Test(c, value);
    }

    /// <summary>True when every possible value satisfies the test, false when none does, unknown otherwise (also when there are none).</summary>
    public static Truth TestPossible(FactCondition c, object[]? possible)
    {
        if (possible is not { Length: > 0 })
        {
            return Truth.Unknown;
        }

        int t = 0, f = 0;
        foreach (var v in possible)
        {
            switch (Test(c, v))
            {
                case Truth.True: t++; break;
                case Truth.False: f++; break;
            }
        }

        return t == possible.Length ? Truth.True : f == possible.Length ? Truth.False : Truth.Unknown;
    }

    public static Truth Test(FactCondition c, object? value)
    {
        if (c.Operator == FactOperator.Exists)
        {
            return (value is not null) == c.Exists ? Truth.True : Truth.False;
        }

        if (value is null)
        {
            return Truth.Unknown;
        }

        var holds = c.Operator switch
        {
            FactOperator.Equals or FactOperator.In => value is string[] set ? ContainsAny(c.Values, set) : Contains(c.Values, value),
            FactOperator.NotIn => value is string[] members ? !ContainsAny(c.Values, members) : !Contains(c.Values, value),
            _ => InRange(value switch
            {
                int i => i,
                decimal d => d,
                _ => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
            }, c.Min, c.Max),
        };
        return holds ? Truth.True : Truth.False;
    }

    private static bool Contains(IReadOnlyList<object> values, object value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Equals(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any member of a set-valued field (a regimen's drug classes) is among the values.</summary>
    public static bool ContainsAny(IReadOnlyList<object> values, string[] set)
    {
        foreach (var member in set)
        {
            if (Contains(values, member))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InRange(decimal v, decimal? min, decimal? max) => (min is null || v >= min) && (max is null || v <= max);

    /// <summary>AND over the where-fields of one item (a lesion or a therapy).</summary>
    public static Truth Where(IReadOnlyList<FactCondition> where, object lesion)
    {
        var result = Truth.True;
        for (var i = 0; i < where.Count; i++)
        {
            var w = where[i];
            var t = Test(w, w.Fact.Read(lesion));
            if (t == Truth.False)
            {
                return Truth.False;
            }

            if (t == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }

    private static ConditionTrace EvaluateItems(Condition c, LesionQuantifier quantifier, IReadOnlyList<FactCondition> where, int? min, int? max, object[]? items)
    {
        var cache = c.Cache;
        if (items is null)
        {
            return cache.Find(null, -1) ?? cache.Add(null, -1, new(c, Truth.Unknown, []) { Lesions = (0, 0, -1) });
        }

        // The trace depends only on the counts: one per (matched, undecided, total) seen, shared.
        var (t, u) = CountItems(where, items);
        var counts = ((long)t << 42) | ((long)u << 21) | (uint)items.Length;
        return cache.Find(null, counts) ?? cache.Add(null, counts, new(c, Quantified(quantifier, min, max, t, u, items.Length), []) { Lesions = (t, u, items.Length) });
    }

    /// <summary>How many items match the where-fields (true) and how many cannot be decided (unknown).</summary>
    private static (int True, int Unknown) CountItems(IReadOnlyList<FactCondition> where, object[] items)
    {
        int t = 0, f = 0;
        foreach (var l in items)
        {
            switch (Where(where, l))
            {
                case Truth.True: t++; break;
                case Truth.False: f++; break;
            }
        }

        return (t, items.Length - t - f);
    }

    /// <summary>A quantifier's truth from the counts of matching (t), undecided (u) and all items (lesions or therapies).</summary>
    internal static Truth Quantified(LesionQuantifier quantifier, int? min, int? max, int t, int u, int total) => quantifier switch
    {
        LesionQuantifier.Any => t > 0 ? Truth.True : u > 0 ? Truth.Unknown : Truth.False,
        LesionQuantifier.All => total - t - u > 0 ? Truth.False : u > 0 ? Truth.Unknown : Truth.True,
        _ => CountTruth(t, u, min, max),
    };

    public static Truth CountTruth(int t, int u, int? min, int? max)
    {
        // The true count lies in [t, t + u].
        var lo = t;
        var hi = t + u;
        if ((min is null || lo >= min) && (max is null || hi <= max))
        {
            return Truth.True;
        }

        if ((min is not null && hi < min) || (max is not null && lo > max))
        {
            return Truth.False;
        }

        return Truth.Unknown;
    }
}
