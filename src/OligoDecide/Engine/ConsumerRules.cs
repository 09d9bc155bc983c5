using NRules;
using NRules.RuleModel;
using OligoDecide.Facts;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// The facts of one patient by their vocabulary names (<see cref="FactCatalog.Facts"/>), as a consumer's own
/// NRules rules match them, e.g. <c>When().Match&lt;FactValues&gt;(f =&gt; (int?)f["ecog"] &lt;= 1)</c>.
/// </summary>
public sealed class FactValues
{
    private readonly PatientFacts facts;

    internal FactValues(PatientFacts facts) => this.facts = facts;

    /// <summary>
    /// The value of a fact: <see cref="bool"/>, <see cref="int"/>, <see cref="decimal"/> or a kebab-case
    /// <see cref="string"/> id, as its <see cref="FactDefinition.Type"/> says; null when the fact is unknown.
    /// </summary>
    /// <param name="name">A fact name from <see cref="FactCatalog.Facts"/>, e.g. <c>biomarkers.pdl1Tps</c>.</param>
    /// <exception cref="ArgumentException">The name is not in the fact vocabulary.</exception>
    public object? this[string name] => FactCatalog.ByName.TryGetValue(name, out var fact)
        ? fact.Read(facts)
        : throw new ArgumentException($"'{name}' is not a fact of the vocabulary (see FactCatalog.Facts).", nameof(name));
}

/// <summary>
/// A consumer's own NRules rules (NRules.Fluent or <c>RuleBuilder</c>), compiled once into their own session
/// factory. Per patient, after the rule set has decided, a session receives the <see cref="Model.Patient"/>, the
/// <see cref="Classification.ClassificationResult"/>, the <see cref="FactValues"/> and every <see cref="Suggestion"/>
/// the rule set made as facts; the rules can match and chain on them and insert <see cref="CustomSuggestion"/>s,
/// which join the decision. Independent of the rule set, so one instance survives hot reloads.
/// </summary>
internal sealed class ConsumerRules
{
    private readonly ISessionFactory factory;

    private ConsumerRules(ISessionFactory factory) => this.factory = factory;

    /// <summary>Compiles the rules, or returns null when there are none.</summary>
    public static ConsumerRules? Create(IEnumerable<IRuleDefinition>? rules)
    {
        var list = rules?.ToList() ?? [];
        return list.Count == 0 ? null : new ConsumerRules(new RuleCompiler { ExpressionCompiler = FastCompiler.Instance }.Compile(list));
    }

    /// <summary>Runs one session over the evaluation and the rule set's suggestions; returns what the consumer's rules suggested.</summary>
    public List<CustomSuggestion> Run(Evaluation evaluation, IReadOnlyList<Suggestion> suggestions)
    {
        var session = factory.CreateSession();
        session.Insert(evaluation.Patient);
        session.Insert(evaluation.Classification);
        session.Insert(new FactValues(evaluation.Facts));
        if (suggestions.Count > 0)
        {
            session.InsertAll(suggestions);
        }

        session.Fire();
        return [.. session.Query<CustomSuggestion>().AsEnumerable()];
    }
}
