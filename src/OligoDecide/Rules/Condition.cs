using OligoDecide.Facts;

namespace OligoDecide.Rules;

// How to add a condition kind (docs/architecture.md, "Adding a condition kind"):
// 1. Add a sealed record deriving from Condition here, with an Accept override calling a new abstract
//    Visit method on ConditionVisitor<TArg, TResult>.
// 2. Build: every visitor that does not handle the new kind is now a compile error (CS0534). Each one is a
//    place the kind must be given meaning: the interpreter and its trace (ThreeValued), the compiled
//    evaluator (TruthCompiler), the text (ConditionText), the explanations (Explanations: because,
//    couldApply, explain lines), the tree walk (ConditionTree: lint, chain order), the NRules
//    compilation (RuleDefinitionCompiler) and the load-time probes (ProbeFacts).
// 3. Read it in RuleSetReader, document it in docs/rule-format.md and the JSON Schema, and add a row per
//    outcome (true, false, unknown) to the construct rule set of the tests (ConstructRuleSet), which the
//    property tests then compare across the interpreter, the compiled evaluator and NRules.

/// <summary>A node of a rule's <c>when</c> tree; every node knows where it was written.</summary>
/// <remarks>
/// Every operation on conditions dispatches through <see cref="Accept{TArg, TResult}"/> and a
/// <see cref="ConditionVisitor{TArg, TResult}"/>: one abstract method per kind, so a new kind is a
/// compile error wherever it is not handled. Do not <c>switch</c> on condition types.
/// </remarks>
internal abstract record Condition(int Line, int Column)
{
    /// <summary>Not part of the node's value (every two caches are equal).</summary>
    private NodeCache cache = new();

    /// <summary>Calls the visitor's method for this node's kind.</summary>
    public abstract TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg);

    /// <summary>
    /// This node's cache of immutable results it gives again and again (see <see cref="NodeCache"/>). A copy made
    /// with <c>with</c> starts its own: a cache belongs to the first node that uses it.
    /// </summary>
    internal NodeCache Cache
    {
        get
        {
            var c = Volatile.Read(ref cache);
            if (c.OwnedBy(this))
            {
                return c;
            }

            var own = new NodeCache();
            _ = own.OwnedBy(this);
            Volatile.Write(ref cache, own);
            return own;
        }
    }
}

/// <summary>One operation over condition trees: one method per condition kind, each required.</summary>
/// <typeparam name="TArg">What the operation carries down the tree (facts, a trace, a parameter expression).</typeparam>
/// <typeparam name="TResult">What it returns per node.</typeparam>
internal abstract class ConditionVisitor<TArg, TResult>
{
    /// <summary>Dispatches <paramref name="condition"/> to the method of its kind.</summary>
    public TResult Visit(Condition condition, TArg arg) => condition.Accept(this, arg);

    public abstract TResult VisitAll(AllCondition condition, TArg arg);

    public abstract TResult VisitAny(AnyCondition condition, TArg arg);

    public abstract TResult VisitNot(NotCondition condition, TArg arg);

    public abstract TResult VisitFact(FactCondition condition, TArg arg);

    public abstract TResult VisitLesions(LesionCondition condition, TArg arg);

    public abstract TResult VisitTherapies(TherapyCondition condition, TArg arg);

    public abstract TResult VisitSuggested(SuggestedCondition condition, TArg arg);
}

internal sealed record AllCondition(IReadOnlyList<Condition> Items, int Line, int Column) : Condition(Line, Column)
{
    public override TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg) => visitor.VisitAll(this, arg);
}

internal sealed record AnyCondition(IReadOnlyList<Condition> Items, int Line, int Column) : Condition(Line, Column)
{
    public override TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg) => visitor.VisitAny(this, arg);
}

internal sealed record NotCondition(Condition Inner, int Line, int Column) : Condition(Line, Column)
{
    public override TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg) => visitor.VisitNot(this, arg);
}

internal enum FactOperator
{
    Equals,
    In,
    NotIn,
    Range,
    Exists,
}

/// <summary>A test of one fact (or, inside a lesion quantifier, one lesion field).</summary>
internal sealed record FactCondition(FactDefinition Fact, FactOperator Operator, IReadOnlyList<object> Values, decimal? Min, decimal? Max, bool Exists, int Line, int Column)
    : Condition(Line, Column)
{
    public override TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg) => visitor.VisitFact(this, arg);
}

internal enum LesionQuantifier
{
    Any,
    All,
    Count,
}

/// <summary><c>anyLesion</c>, <c>allLesions</c> or <c>countLesions</c>: a test over the recorded lesions.</summary>
internal sealed record LesionCondition(LesionQuantifier Quantifier, IReadOnlyList<FactCondition> Where, int? Min, int? Max, int Line, int Column)
    : Condition(Line, Column)
{
    public override TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg) => visitor.VisitLesions(this, arg);
}

/// <summary><c>anyTherapy</c>, <c>allTherapies</c> or <c>countTherapies</c>: a test over the recorded systemic therapies.</summary>
internal sealed record TherapyCondition(LesionQuantifier Quantifier, IReadOnlyList<FactCondition> Where, int? Min, int? Max, int Line, int Column)
    : Condition(Line, Column)
{
    public override TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg) => visitor.VisitTherapies(this, arg);
}

/// <summary>
/// <c>suggested: option</c>, <c>suggested: [a, b]</c> or <c>suggested: { tag: t }</c>: true when another rule
/// suggested one of the options (chaining). Three-valued like <c>any</c>: true when one of them is suggested,
/// false when none is and none is undecided, unknown otherwise.
/// </summary>
/// <param name="Options">The option codes, in the order written; for a tag, the options of the rules carrying it (ordinal order), filled in at load.</param>
/// <param name="Tag">The tag written (<c>suggested: { tag: t }</c>), or null.</param>
/// <param name="Line">Line of the <c>suggested</c> key.</param>
/// <param name="Column">Column of the <c>suggested</c> key.</param>
internal sealed record SuggestedCondition(IReadOnlyList<string> Options, string? Tag, int Line, int Column) : Condition(Line, Column)
{
    public override TResult Accept<TArg, TResult>(ConditionVisitor<TArg, TResult> visitor, TArg arg) => visitor.VisitSuggested(this, arg);

    /// <summary>Where each option code (or the tag) was written, for load errors.</summary>
    public IReadOnlyList<(int Line, int Column)> At { get; init; } = [];

    /// <summary>How the chained options read in text: <c>option x</c>, <c>one of options a, b</c>, <c>an option tagged t</c> (the rule set docs list each rule's tags).</summary>
    public string Label => Tag is not null
        ? $"an option tagged {Tag}"
        : Options.Count == 1 ? $"option {Options[0]}" : $"one of options {string.Join(", ", Options)}";
}

/// <summary>The shape of condition trees: children, every node, the top-level conjuncts.</summary>
internal static class ConditionTree
{
    /// <summary>A node's direct children (a lesion quantifier's children are its where-fields).</summary>
    public static IReadOnlyList<Condition> Children(Condition c) => c.Accept(ChildrenVisitor.Instance, default);

    /// <summary>The node and every node below it, depth first, parents first.</summary>
    public static IEnumerable<Condition> Walk(Condition c)
    {
        yield return c;
        foreach (var child in Children(c))
        {
            foreach (var node in Walk(child))
            {
                yield return node;
            }
        }
    }

    /// <summary>
    /// The conjuncts of the top of <c>when</c>, with nested <c>all</c>s flattened: what must all hold.
    /// A <c>when</c> that is not an <c>all</c> is its own single conjunct.
    /// </summary>
    public static IReadOnlyList<Condition> Conjuncts(Condition c)
    {
        var result = new List<Condition>();
        c.Accept(ConjunctsVisitor.Instance, result);
        return result;
    }

    /// <summary>The items of a top-level <c>all</c> (not flattened), or the condition itself: the "top-level conditions" coverage and docs list.</summary>
    public static IReadOnlyList<Condition> TopLevel(Condition c) => c.Accept(TopLevelVisitor.Instance, default);

    /// <summary>The options a condition chains on (<c>suggested</c>), anywhere in the tree.</summary>
    public static IEnumerable<SuggestedCondition> Suggested(Condition c) => Walk(c).OfType<SuggestedCondition>();

    /// <summary>
    /// The tree with every <c>suggested</c> replaced by <paramref name="map"/>'s result (tags resolved to
    /// options at load). <c>suggested</c> stands only at the top or in nested top-level <c>all</c>s, so only
    /// those are rebuilt; every other node is returned as it is.
    /// </summary>
    public static Condition MapSuggested(Condition c, Func<SuggestedCondition, SuggestedCondition> map) => c.Accept(SuggestedMapper.Instance, map);

    private sealed class SuggestedMapper : ConditionVisitor<Func<SuggestedCondition, SuggestedCondition>, Condition>
    {
        public static readonly SuggestedMapper Instance = new();

        public override Condition VisitAll(AllCondition condition, Func<SuggestedCondition, SuggestedCondition> arg) =>
            condition with { Items = [.. condition.Items.Select(i => i.Accept(this, arg))] };

        public override Condition VisitAny(AnyCondition condition, Func<SuggestedCondition, SuggestedCondition> arg) => condition;

        public override Condition VisitNot(NotCondition condition, Func<SuggestedCondition, SuggestedCondition> arg) => condition;

        public override Condition VisitFact(FactCondition condition, Func<SuggestedCondition, SuggestedCondition> arg) => condition;

        public override Condition VisitLesions(LesionCondition condition, Func<SuggestedCondition, SuggestedCondition> arg) => condition;

        public override Condition VisitTherapies(TherapyCondition condition, Func<SuggestedCondition, SuggestedCondition> arg) => condition;

        public override Condition VisitSuggested(SuggestedCondition condition, Func<SuggestedCondition, SuggestedCondition> arg) => arg(condition);
    }

    private sealed class ChildrenVisitor : ConditionVisitor<ValueTuple, IReadOnlyList<Condition>>
    {
        public static readonly ChildrenVisitor Instance = new();

        public override IReadOnlyList<Condition> VisitAll(AllCondition condition, ValueTuple arg) => condition.Items;

        public override IReadOnlyList<Condition> VisitAny(AnyCondition condition, ValueTuple arg) => condition.Items;

        public override IReadOnlyList<Condition> VisitNot(NotCondition condition, ValueTuple arg) => [condition.Inner];

        public override IReadOnlyList<Condition> VisitFact(FactCondition condition, ValueTuple arg) => [];

        public override IReadOnlyList<Condition> VisitLesions(LesionCondition condition, ValueTuple arg) => condition.Where;

        public override IReadOnlyList<Condition> VisitTherapies(TherapyCondition condition, ValueTuple arg) => condition.Where;

        public override IReadOnlyList<Condition> VisitSuggested(SuggestedCondition condition, ValueTuple arg) => [];
    }

    private sealed class TopLevelVisitor : ConditionVisitor<ValueTuple, IReadOnlyList<Condition>>
    {
        public static readonly TopLevelVisitor Instance = new();

        public override IReadOnlyList<Condition> VisitAll(AllCondition condition, ValueTuple arg) => condition.Items;

        public override IReadOnlyList<Condition> VisitAny(AnyCondition condition, ValueTuple arg) => [condition];

        public override IReadOnlyList<Condition> VisitNot(NotCondition condition, ValueTuple arg) => [condition];

        public override IReadOnlyList<Condition> VisitFact(FactCondition condition, ValueTuple arg) => [condition];

        public override IReadOnlyList<Condition> VisitLesions(LesionCondition condition, ValueTuple arg) => [condition];

        public override IReadOnlyList<Condition> VisitTherapies(TherapyCondition condition, ValueTuple arg) => [condition];

        public override IReadOnlyList<Condition> VisitSuggested(SuggestedCondition condition, ValueTuple arg) => [condition];
    }

    private sealed class ConjunctsVisitor : ConditionVisitor<List<Condition>, bool>
    {
        public static readonly ConjunctsVisitor Instance = new();

        public override bool VisitAll(AllCondition condition, List<Condition> arg)
        {
            foreach (var item in condition.Items)
            {
                item.Accept(this, arg);
            }

            return true;
        }

        public override bool VisitAny(AnyCondition condition, List<Condition> arg) => Add(condition, arg);

        public override bool VisitNot(NotCondition condition, List<Condition> arg) => Add(condition, arg);

        public override bool VisitFact(FactCondition condition, List<Condition> arg) => Add(condition, arg);

        public override bool VisitLesions(LesionCondition condition, List<Condition> arg) => Add(condition, arg);

        public override bool VisitTherapies(TherapyCondition condition, List<Condition> arg) => Add(condition, arg);

        public override bool VisitSuggested(SuggestedCondition condition, List<Condition> arg) => Add(condition, arg);

        private static bool Add(Condition c, List<Condition> list)
        {
            list.Add(c);
            return true;
        }
    }
}
