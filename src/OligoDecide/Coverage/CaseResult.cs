using OligoDecide.Engine;
using OligoDecide.Model;

namespace OligoDecide.Coverage;

/// <summary>The outcome of running one case file against an engine.</summary>
/// <param name="Path">The case file as given.</param>
/// <param name="Patient">The patient, or null when the file is invalid.</param>
/// <param name="Expectation">The case's <c>expect</c> block, if any.</param>
/// <param name="Decision">The engine's decision, or null when the file is invalid.</param>
/// <param name="Failures">Every expectation that did not hold, state first, then options, then notOptions.</param>
/// <param name="Findings">Load findings (errors make the case invalid).</param>
public sealed record CaseResult(
    string Path,
    Patient? Patient,
    CaseExpectation? Expectation,
    Decision? Decision,
    IReadOnlyList<ExpectationFailure> Failures,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>True when the file loaded and validated and its <c>expect</c> block names only options the rule set defines.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Patient), nameof(Decision))]
    public bool IsValid => Patient is not null && Decision is not null && !Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>True when the case carries an <c>expect</c> block.</summary>
    public bool HasExpectation => Expectation is not null;

    /// <summary>True when the case is valid and every expectation held (trivially true without an <c>expect</c> block).</summary>
    public bool Passed => IsValid && Failures.Count == 0;
}
