using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// A suggestion a consumer's own NRules rule inserts (<c>ctx.Insert(new CustomSuggestion(…))</c>); the rules are
/// given to the engine (<c>additionalRules</c>) or registered with <c>AddOligoDecide(o =&gt; o.AddRules(…))</c>.
/// Custom rules can match the <see cref="Model.Patient"/>, the <see cref="Classification.ClassificationResult"/>,
/// the <see cref="FactValues"/>, every <see cref="Suggestion"/> of the rule set and other custom suggestions.
/// They carry no evidence from the catalogue: say in <paramref name="Text"/> what supports them.
/// </summary>
/// <param name="RuleId">The consumer's rule id.</param>
/// <param name="Kind">Option or caution.</param>
/// <param name="Option">Option code.</param>
/// <param name="Title">Short title.</param>
/// <param name="Text">What to put before the board, and on what evidence.</param>
public sealed record CustomSuggestion(string RuleId, RuleKind Kind, string Option, string Title, string Text);
