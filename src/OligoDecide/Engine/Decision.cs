using OligoDecide.Classification;
using OligoDecide.Evidence;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>What OligoDecide puts before the tumour board for one patient, and why.</summary>
/// <param name="RuleSet">The rule set (id, version, sha256) the decision came from.</param>
/// <param name="Classification">The ESTRO/EORTC classification with its decision path.</param>
/// <param name="Suggestions">Options and cautions whose conditions all held, by priority then rule id. Superseded ones carry <see cref="Suggestion.SupersededBy"/>.</param>
/// <param name="CouldApply">Rules with no false condition but some unknown: what is missing to decide them.</param>
/// <param name="Limits">The classification limits (lesions, organs, synchronous window in months) the state was decided with; with <paramref name="RuleSet"/> it identifies how the decision was reached.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(Output.DecisionJsonConverter))]
public sealed record Decision(RuleSetInfo RuleSet, ClassificationResult Classification, IReadOnlyList<Suggestion> Suggestions, IReadOnlyList<CouldApply> CouldApply, ClassificationOptions Limits)
{
    /// <summary>The option codes suggested and not superseded.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> ActiveOptions => Suggestions.Where(s => s.SupersededBy is null).Select(s => s.Option);

    /// <summary>The one evaluation this decision was made from (null for a decision built by hand).</summary>
    internal Evaluation? Evaluation { get; init; }

    /// <summary>
    /// Every condition of one rule of the decision's rule set for the decision's patient, as true, false or
    /// unknown with the value seen (what <c>oligodecide explain</c> prints), read from the evaluation that made
    /// this decision: nothing is decided again.
    /// </summary>
    /// <param name="ruleId">A rule id of <see cref="RuleSet"/>.</param>
    /// <returns>The conditions depth first; the first line is the whole <c>when</c>, its truth the rule's.</returns>
    /// <exception cref="ArgumentException">The rule set has no such rule.</exception>
    /// <exception cref="InvalidOperationException">The decision was not made by an engine (built by hand).</exception>
    public IReadOnlyList<ExplainedCondition> Explain(string ruleId)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        return (Evaluation ?? throw new InvalidOperationException("This decision was not made by an engine, so it has no evaluation to explain.")).Explain(ruleId);
    }

    /// <summary>
    /// Per treated lesion, the dose schedules of each suggested option that carries schedule tables, with why
    /// each applies; a lesion whose deciding fact is unknown has none and lists what is missing. Empty when no
    /// such option is suggested.
    /// </summary>
    public IReadOnlyList<LesionPlan> LesionPlans { get; init; } = [];
}

/// <summary>One suggestion: a rule that fired for this patient.</summary>
/// <param name="Rule">Rule id.</param>
/// <param name="Kind">Option or caution.</param>
/// <param name="Option">Option code (public contract).</param>
/// <param name="Title">Short title.</param>
/// <param name="Text">What to put before the board.</param>
/// <param name="Doses">Dose prescriptions, if any.</param>
/// <param name="Evidence">Full citations.</param>
/// <param name="Because">The facts and values that satisfied the rule's conditions.</param>
/// <param name="SupersededBy">The rule that removed this suggestion, if any.</param>
public sealed record Suggestion(
    string Rule,
    RuleKind Kind,
    string Option,
    string Title,
    string Text,
    IReadOnlyList<Dose> Doses,
    IReadOnlyList<Citation> Evidence,
    IReadOnlyList<Reason> Because,
    string? SupersededBy);

/// <summary>A condition that held, and what was seen.</summary>
/// <param name="Condition">The condition in words, e.g. <c>ecog ≤ 1</c>.</param>
/// <param name="Seen">The value(s) seen, e.g. <c>ecog = 1</c>.</param>
public sealed record Reason(string Condition, string Seen)
{
    /// <summary>"condition (seen)", or just the condition when the seen value says the same.</summary>
    public override string ToString() => Seen.Length > 0 && Seen != Condition ? $"{Condition} ({Seen})" : Condition;
}

/// <summary>A rule that could apply if missing facts were known.</summary>
/// <param name="Rule">Rule id.</param>
/// <param name="Kind">Option or caution.</param>
/// <param name="Option">Option code.</param>
/// <param name="Title">Short title.</param>
/// <param name="Missing">Each missing fact and what it would have to be for the rule to fire.</param>
public sealed record CouldApply(string Rule, RuleKind Kind, string Option, string Title, IReadOnlyList<MissingFact> Missing);

/// <summary>A fact the rule needs and the patient's record lacks.</summary>
/// <param name="Fact">The fact (or lesion field) path, e.g. <c>ecog</c> or <c>metastases.lesions[1].treatable</c>.</param>
/// <param name="Needed">What it would have to be, e.g. <c>ecog ≤ 1</c>.</param>
public sealed record MissingFact(string Fact, string Needed);

/// <summary>One condition of one rule for one patient, as <c>explain</c> shows it.</summary>
/// <param name="Depth">Nesting depth (0 for the top).</param>
/// <param name="Condition">The condition in words.</param>
/// <param name="Truth">True, false or unknown.</param>
/// <param name="Seen">The value seen (empty for groups).</param>
public sealed record ExplainedCondition(int Depth, string Condition, Truth Truth, string Seen);
