using NUnit.Framework;
using OligoDecide.Coverage;
using OligoDecide.Engine;

namespace OligoDecide.Testing;

/// <summary>
/// Asserts that case files' <c>expect</c> blocks (state, options, notOptions) hold, one case or a whole folder:
/// what <c>oligodecide test</c> does, inside a hospital's own NUnit suite and over its own rule set.
/// </summary>
public static class CaseAssert
{
    /// <summary>
    /// Reads <paramref name="path"/>, evaluates it and asserts every expectation. Fails when the file is
    /// invalid (including an option code in <c>expect</c> that the rule set does not define) or has no
    /// <c>expect</c> block; the message lists every failure with the decision and, for each missing option,
    /// the conditions that did not hold.
    /// </summary>
    /// <returns>The case result, for further asserts.</returns>
    public static CaseResult ExpectationsHold(IOligoDecideEngine engine, string path) => ExpectationsHold(engine, path, strict: false);

    /// <summary>
    /// As <see cref="ExpectationsHold(IOligoDecideEngine, string)"/>; with <paramref name="strict"/> every suggested
    /// option the case does not list in <c>expect.options</c> fails too, with the conditions that made it fire.
    /// </summary>
    /// <returns>The case result, for further asserts.</returns>
    public static CaseResult ExpectationsHold(IOligoDecideEngine engine, string path, bool strict)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(path);
        var result = CaseRunner.CheckCase(engine, path, strict);
        if (Problems(engine, result) is { } lines)
        {
            throw new AssertionException(string.Join(Environment.NewLine, lines));
        }

        return result;
    }

    /// <summary>
    /// Runs every case with an <c>expect</c> block among <paramref name="paths"/> (files, or folders whose
    /// <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files are read) and fails once, listing every case that
    /// failed or was invalid. Cases without an <c>expect</c> block are skipped; finding no case with one fails
    /// (a wrong folder must not pass).
    /// </summary>
    /// <param name="engine">The engine (its rule set is the one tested).</param>
    /// <param name="paths">Case files or folders.</param>
    /// <param name="strict">Also fail suggestions a case does not assert (as <c>oligodecide test --strict</c>).</param>
    /// <returns>Every case's result, in file order.</returns>
    public static IReadOnlyList<CaseResult> AllHold(IOligoDecideEngine engine, IEnumerable<string> paths, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(paths);
        var results = CaseRunner.FindCases(paths).Select(p => CaseRunner.CheckCase(engine, p, strict)).ToList();
        var lines = new List<string>();
        foreach (var result in results)
        {
            if (result.IsValid && !result.HasExpectation)
            {
                continue;
            }

            if (Problems(engine, result) is { } problems)
            {
                lines.AddRange(problems);
                lines.Add(string.Empty);
            }
        }

        var tested = results.Count(r => r.HasExpectation || !r.IsValid);
        if (tested == 0)
        {
            throw new AssertionException($"No case with an expect block among {results.Count} file(s).");
        }

        if (lines.Count > 0)
        {
            var failing = results.Count(r => (r.HasExpectation || !r.IsValid) && !r.Passed);
            lines.Insert(0, $"{failing} of {tested} case(s) failed:");
            throw new AssertionException(string.Join(Environment.NewLine, lines).TrimEnd());
        }

        return results;
    }

    /// <summary>
    /// The case files among <paramref name="paths"/> as NUnit test cases named by file, for
    /// <c>[TestCaseSource]</c>: one test per case, each calling <see cref="ExpectationsHold(IOligoDecideEngine, string, bool)"/>.
    /// </summary>
    public static IEnumerable<TestCaseData> Cases(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return CaseRunner.FindCases(paths).Select(p => new TestCaseData(p).SetName(Path.GetFileNameWithoutExtension(p)));
    }

    /// <summary>The failure message lines for one case, or null when it passed.</summary>
    private static List<string>? Problems(IOligoDecideEngine engine, CaseResult result)
    {
        if (!result.IsValid)
        {
            return [$"{result.Path}: the case is invalid:", .. result.Findings.Where(f => f.Severity == Severity.Error).Select(f => "  " + f)];
        }

        if (!result.HasExpectation)
        {
            return [$"{result.Path}: the case has no expect block."];
        }

        if (result.Failures.Count == 0)
        {
            return null;
        }

        var decision = result.Decision!;
        var lines = new List<string> { $"{result.Path}: {result.Failures.Count} expectation(s) failed:" };
        lines.AddRange(result.Failures.Select(f => "  " + f.Message));
        lines.AddRange(DecisionAssertions.Describe(decision));
        foreach (var failure in result.Failures)
        {
            switch (failure.Kind)
            {
                case ExpectationFailureKind.MissingOption:
                    lines.Add($"Why not {failure.Expected}:");
                    lines.AddRange(DecisionAssertions.WhyNot(decision, failure.Expected).Select(l => "  " + l));
                    break;
                case ExpectationFailureKind.ForbiddenOption or ExpectationFailureKind.UnassertedOption:
                    lines.Add($"Why {failure.Expected}:");
                    lines.AddRange(DecisionAssertions.Why(decision, failure.Expected, "  "));
                    break;
            }
        }

        return lines;
    }
}
