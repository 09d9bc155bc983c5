using NUnit.Framework;
using OligoDecide.Coverage;
using OligoDecide.Engine;

namespace OligoDecide.Testing;

/// <summary>Asserts that a case file's <c>expect</c> block (state, options, notOptions) holds.</summary>
public static class CaseAssert
{
    /// <summary>
    /// Reads <paramref name="path"/>, evaluates it and asserts every expectation. Fails when the file is
    /// invalid or has no <c>expect</c> block; the message lists every failure with the decision and, for
    /// each missing option, the conditions that did not hold.
    /// </summary>
    /// <returns>The case result, for further asserts.</returns>
    public static CaseResult ExpectationsHold(IOligoDecideEngine engine, string path)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var result = CaseRunner.CheckCase(engine, path);
        if (!result.IsValid)
        {
            throw new AssertionException($"{path}: the case is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, result.Findings.Select(f => "  " + f)));
        }

        if (!result.HasExpectation)
        {
            throw new AssertionException($"{path}: the case has no expect block.");
        }

        if (result.Failures.Count == 0)
        {
            return result;
        }

        var lines = new List<string> { $"{path}: {result.Failures.Count} expectation(s) failed:" };
        lines.AddRange(result.Failures.Select(f => "  " + f.Message));
        lines.AddRange(DecisionAssertions.Describe(result.Decision!));
        foreach (var missing in result.Failures.Where(f => f.Kind == ExpectationFailureKind.MissingOption))
        {
            lines.AddRange(DecisionAssertions.WhyNot(result.Decision!, missing.Expected));
        }

        throw new AssertionException(string.Join(Environment.NewLine, lines));
    }
}
