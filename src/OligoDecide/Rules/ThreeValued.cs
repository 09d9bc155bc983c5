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

    /// <summary>The fact value seen (fact conditions).</summary>
    internal object? Value { get; init; }

    /// <summary>Lesions that matched, did not decide, and were recorded (lesion conditions; -1 total when not recorded).</summary>
    internal (int Matched, int Undecided, int Total) Lesions { get; init; }

    private string Format() => Condition switch
    {
        FactCondition fact => $"{fact.Fact.Name} = {ConditionText.Value(Value)}",
        LesionCondition => Lesions.Total < 0
            ? "lesions not recorded"
            : $"{Lesions.Matched} of {Lesions.Total} lesion(s) match" + (Lesions.Undecided > 0 ? $", {Lesions.Undecided} undecided (a field not recorded)" : string.Empty),
        SuggestedCondition s => $"option {s.Option} " + Truth switch
        {
            Truth.True => "suggested",
            Truth.False => "not suggested",
            _ => "undecided (could apply)",
        },
        _ => string.Empty,
    };
}

/// <summary>
/// Evaluates a condition tree over a patient's facts in three-valued logic. This is the reference
/// semantics: the NRules compilation must fire exactly when this returns <see cref="Truth.True"/>
/// (the engine checks it on every evaluation and throws if not; property tests check it over random
/// patients). Used for that check and for <c>because</c>, <c>couldApply</c> and <c>explain</c>.
/// </summary>
internal static class ThreeValued
{
    public static ConditionTrace Evaluate(Condition condition, PatientFacts facts, Func<string, Truth> suggested)
    {
        switch (condition)
        {
            case AllCondition all:
                {
                    var children = EvaluateAll(all.Items, facts, suggested);
                    return new(condition, Combine(children, Truth.False, Truth.True), children);
                }

            case AnyCondition any:
                {
                    var children = EvaluateAll(any.Items, facts, suggested);
                    return new(condition, Combine(children, Truth.True, Truth.False), children);
                }

            case NotCondition not:
                {
                    var inner = Evaluate(not.Inner, facts, suggested);
                    return new(condition, Negate(inner.Truth), [inner]);
                }

            case FactCondition fact:
                {
                    var value = fact.Fact.Read(facts);
                    return new(condition, Test(fact, value), []) { Value = value };
                }

            case LesionCondition lesion:
                return EvaluateLesions(lesion, facts.Lesions);

            case SuggestedCondition s:
                {
                    return new(condition, suggested(s.Option), []);
                }

            default:
                throw new InvalidOperationException("Unknown condition node " + condition.GetType().Name);
        }
    }

    /// <summary>
    /// The truth of a condition without a trace: no allocation beyond boxing of fact values. The
    /// engine calls it for every rule and patient, and builds a full trace (<see cref="Evaluate"/>)
    /// only for rules that are true or unknown, which are the ones it must explain.
    /// </summary>
    public static Truth TruthOf(Condition condition, PatientFacts facts, Func<string, Truth> suggested)
    {
        switch (condition)
        {
            case AllCondition all:
                {
                    var result = Truth.True;
                    var items = all.Items;
                    for (var i = 0; i < items.Count; i++)
                    {
                        var t = TruthOf(items[i], facts, suggested);
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

            case AnyCondition any:
                {
                    var result = Truth.False;
                    var items = any.Items;
                    for (var i = 0; i < items.Count; i++)
                    {
                        var t = TruthOf(items[i], facts, suggested);
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

            case NotCondition not:
                return Negate(TruthOf(not.Inner, facts, suggested));
            case FactCondition fact:
                return Test(fact, fact.Fact.Read(facts));
            case LesionCondition lesion:
                {
                    if (facts.Lesions is not { } lesions)
                    {
                        return Truth.Unknown;
                    }

                    var (t, u) = CountLesions(lesion.Where, lesions);
                    return Quantified(lesion, t, u, lesions.Length);
                }

            case SuggestedCondition s:
                return suggested(s.Option);
            default:
                throw new InvalidOperationException("Unknown condition node " + condition.GetType().Name);
        }
    }

    private static ConditionTrace[] EvaluateAll(IReadOnlyList<Condition> items, PatientFacts facts, Func<string, Truth> suggested)
    {
        var children = new ConditionTrace[items.Count];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = Evaluate(items[i], facts, suggested);
        }

        return children;
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
            FactOperator.Equals or FactOperator.In => Contains(c.Values, value),
            FactOperator.NotIn => !Contains(c.Values, value),
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

    private static bool InRange(decimal v, decimal? min, decimal? max) => (min is null || v >= min) && (max is null || v <= max);

    /// <summary>AND over the where-fields of one lesion.</summary>
    public static Truth Where(IReadOnlyList<FactCondition> where, LesionFact lesion)
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

    private static ConditionTrace EvaluateLesions(LesionCondition c, LesionFact[]? lesions)
    {
        if (lesions is null)
        {
            return new(c, Truth.Unknown, []) { Lesions = (0, 0, -1) };
        }

        var (t, u) = CountLesions(c.Where, lesions);
        return new(c, Quantified(c, t, u, lesions.Length), []) { Lesions = (t, u, lesions.Length) };
    }

    /// <summary>How many lesions match the where-fields (true) and how many cannot be decided (unknown).</summary>
    private static (int True, int Unknown) CountLesions(IReadOnlyList<FactCondition> where, LesionFact[] lesions)
    {
        int t = 0, f = 0;
        foreach (var l in lesions)
        {
            switch (Where(where, l))
            {
                case Truth.True: t++; break;
                case Truth.False: f++; break;
            }
        }

        return (t, lesions.Length - t - f);
    }

    /// <summary>The quantifier's truth from the counts of matching (t), undecided (u) and all lesions.</summary>
    internal static Truth Quantified(LesionCondition c, int t, int u, int total) => c.Quantifier switch
    {
        LesionQuantifier.Any => t > 0 ? Truth.True : u > 0 ? Truth.Unknown : Truth.False,
        LesionQuantifier.All => total - t - u > 0 ? Truth.False : u > 0 ? Truth.Unknown : Truth.True,
        _ => CountTruth(t, u, c.Min, c.Max),
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
