using OligoDecide.Classification;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// Classifies a patient and finds the evidence-backed options for the tumour board.
/// Implementations are immutable after construction and safe to share across threads.
/// </summary>
public interface IOligoDecideEngine
{
    /// <summary>The rule set in use.</summary>
    RuleSet RuleSet { get; }

    /// <summary>Classification only (ESTRO/EORTC 2020).</summary>
    /// <exception cref="InvalidPatientException">The patient fails the checks the document reader applies (ranges, dates, required values).</exception>
    ClassificationResult Classify(Patient patient);

    /// <summary>Classification, suggestions with evidence and reasons, and what could apply with more facts.</summary>
    /// <exception cref="InvalidPatientException">The patient fails the checks the document reader applies (ranges, dates, required values).</exception>
    Decision Evaluate(Patient patient);

    /// <summary>Every condition of one rule for one patient as true, false or unknown, with the value seen.</summary>
    IReadOnlyList<ExplainedCondition> Explain(string ruleId, Patient patient);
}
