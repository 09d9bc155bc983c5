using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Coverage;

/// <summary>
/// Runs case files (<c>seeds/patients/*.yaml</c> and the like) against an engine: checks each case's
/// <c>expect</c> block, and measures which rules the cases exercise. Used by <c>oligodecide test</c>,
/// <c>oligodecide coverage</c> and the OligoDecide.Testing package.
/// </summary>
public static class CaseRunner
{
    /// <summary>
    /// The case files named by <paramref name="paths"/>: a file is taken as is, a folder contributes its
    /// <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files (not recursive), sorted by ordinal name.
    /// A path that is neither is returned as is, so that reading it reports the missing file.
    /// </summary>
    public static IReadOnlyList<string> FindCases(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                result.AddRange(Directory.EnumerateFiles(path)
                    .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal) || p.EndsWith(".json", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                result.Add(path);
            }
        }

        return result;
    }

    /// <summary>Reads one case file, evaluates it, and checks its <c>expect</c> block (state, options, notOptions).</summary>
    /// <param name="engine">The engine to evaluate with.</param>
    /// <param name="path">A case file (.yaml, .yml or .json).</param>
    /// <returns>The result; invalid files carry their findings and no decision.</returns>
    public static CaseResult CheckCase(IOligoDecideEngine engine, string path) => CheckCase(engine, path, static p => PatientDocument.Load(p));

    /// <summary>As <see cref="CheckCase(IOligoDecideEngine, string)"/>, reading the file with <paramref name="load"/> (e.g. one that also reads FHIR Bundles).</summary>
    /// <param name="engine">The engine to evaluate with.</param>
    /// <param name="path">A case file.</param>
    /// <param name="load">Reads a case file into a patient (and its expectation, if any) or findings.</param>
    public static CaseResult CheckCase(IOligoDecideEngine engine, string path, Func<string, PatientLoadResult> load)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(load);
        var loaded = load(path);
        if (loaded.Patient is not { } patient)
        {
            return new CaseResult(path, null, null, null, [], loaded.Findings);
        }

        var decision = engine.Evaluate(patient);
        var failures = loaded.Expectation is { } expect ? Check(decision, expect) : [];
        return new CaseResult(path, patient, loaded.Expectation, decision, failures, loaded.Findings);
    }

    /// <summary>Checks a decision against an expectation: state, then each expected option, then each forbidden one.</summary>
    public static IReadOnlyList<ExpectationFailure> Check(Decision decision, CaseExpectation expectation)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(expectation);
        var failures = new List<ExpectationFailure>();
        var state = decision.Classification.State.Id();
        if (expectation.State is { } expected && !string.Equals(expected, state, StringComparison.Ordinal))
        {
            failures.Add(new(ExpectationFailureKind.StateMismatch, expected, state));
        }

        var active = decision.ActiveOptions.ToList();
        var shown = active.Count == 0 ? "none" : string.Join(", ", active);
        failures.AddRange(expectation.Options.Where(o => !active.Contains(o, StringComparer.Ordinal))
            .Select(o => new ExpectationFailure(ExpectationFailureKind.MissingOption, o, shown)));
        failures.AddRange(expectation.NotOptions.Where(o => active.Contains(o, StringComparer.Ordinal))
            .Select(o => new ExpectationFailure(ExpectationFailureKind.ForbiddenOption, o, shown)));
        return failures;
    }

    /// <summary>
    /// Evaluates every case and reports, for every rule of <paramref name="engine"/>'s rule set, the cases
    /// where it fired and its near misses: cases where exactly one of the rule's top-level conditions was
    /// false and none was unknown (three-valued logic, as <c>explain</c> shows it). Both are read from the
    /// evaluation each decision carries; with an engine whose decisions carry none, rules that did not fire
    /// get no near misses.
    /// </summary>
    /// <param name="engine">The engine (its rule set is the one measured).</param>
    /// <param name="casePaths">Case files; use <see cref="FindCases"/> to expand folders.</param>
    public static RuleCoverageReport Coverage(IOligoDecideEngine engine, IEnumerable<string> casePaths) =>
        Coverage(engine, casePaths, static p => PatientDocument.Load(p));

    /// <summary>As <see cref="Coverage(IOligoDecideEngine, IEnumerable{string})"/>, reading each file with <paramref name="load"/>.</summary>
    /// <param name="engine">The engine (its rule set is the one measured).</param>
    /// <param name="casePaths">Case files.</param>
    /// <param name="load">Reads a case file into a patient (and its expectation, if any) or findings.</param>
    public static RuleCoverageReport Coverage(IOligoDecideEngine engine, IEnumerable<string> casePaths, Func<string, PatientLoadResult> load)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(casePaths);
        ArgumentNullException.ThrowIfNull(load);
        var rules = engine.RuleSet.Rules;
        var fired = rules.ToDictionary(r => r.Id, _ => new List<string>(), StringComparer.Ordinal);
        var nearMisses = rules.ToDictionary(r => r.Id, _ => new List<NearMiss>(), StringComparer.Ordinal);
        var cases = new List<string>();
        var invalid = new List<CaseResult>();
        foreach (var path in casePaths)
        {
            var result = CheckCase(engine, path, load);
            if (result.Patient is not { } patient || result.Decision is not { } decision)
            {
                invalid.Add(result);
                continue;
            }

            cases.Add(path);
            // The decision carries its evaluation: every rule's truth and trace for this case, decided once.
            var evaluation = decision.Evaluation;
            for (var rank = 0; rank < rules.Count; rank++)
            {
                var rule = rules[rank];
                var truth = evaluation?.TruthOf(rank) ?? (decision.Suggestions.Any(s => s.Rule == rule.Id) ? Truth.True : Truth.Unknown);
                if (truth == Truth.True)
                {
                    fired[rule.Id].Add(path);
                }
                else if (truth == Truth.False && NearMissOf(evaluation!.Trace(rank)) is { } miss)
                {
                    nearMisses[rule.Id].Add(new NearMiss(path, miss.Condition, miss.Seen));
                }
            }
        }

        var entries = rules.Select(r => new RuleCoverageEntry(r.Id, r.Option, r.Kind, fired[r.Id], nearMisses[r.Id])).ToList();
        return new RuleCoverageReport(entries, cases, invalid);
    }

    /// <summary>The single false top-level condition of a rule's trace, when exactly one is false and none unknown.</summary>
    internal static (string Condition, string Seen)? NearMissOf(ConditionTrace trace)
    {
        var top = ConditionTree.TopLevel(trace.Condition);
        IReadOnlyList<ConditionTrace> traces = top.Count == 1 && ReferenceEquals(top[0], trace.Condition) ? [trace] : trace.Children;
        if (traces.Any(t => t.Truth == Truth.Unknown))
        {
            return null;
        }

        var falses = traces.Where(t => t.Truth == Truth.False).ToList();
        return falses.Count == 1 ? (ConditionText.Describe(falses[0].Condition), falses[0].Seen) : null;
    }
}
