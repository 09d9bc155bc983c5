using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Facts;
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
    public static CaseResult CheckCase(IOligoDecideEngine engine, string path, Func<string, PatientLoadResult> load) => CheckCase(engine, path, load, strict: false);

    /// <summary>As <see cref="CheckCase(IOligoDecideEngine, string, Func{string, PatientLoadResult}, bool)"/>, reading case documents.</summary>
    public static CaseResult CheckCase(IOligoDecideEngine engine, string path, bool strict) => CheckCase(engine, path, static p => PatientDocument.Load(p), strict);

    /// <summary>
    /// Reads one case file, evaluates it, and checks its <c>expect</c> block. An option code in
    /// <c>expect.options</c> or <c>expect.notOptions</c> that no rule of the engine's rule set suggests is an
    /// error finding at its line and column (the case is then invalid and its expectations are not checked:
    /// a misspelt code would otherwise pass forever in notOptions, or fail as "missing" in options).
    /// </summary>
    /// <param name="engine">The engine to evaluate with.</param>
    /// <param name="path">A case file.</param>
    /// <param name="load">Reads a case file into a patient (and its expectation, if any) or findings.</param>
    /// <param name="strict">Also fail every suggested option the case does not list in <c>expect.options</c>
    /// (<see cref="ExpectationFailureKind.UnassertedOption"/>), so a new rule shows where it changes old answers.</param>
    /// <returns>The result; invalid files carry their findings (and no decision when the file could not be read).</returns>
    public static CaseResult CheckCase(IOligoDecideEngine engine, string path, Func<string, PatientLoadResult> load, bool strict)
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
        if (loaded.Expectation is not { } expect)
        {
            return new CaseResult(path, patient, null, decision, [], loaded.Findings);
        }

        var unknown = UnknownOptions(engine.RuleSet, expect, path);
        return unknown.Count > 0
            ? new CaseResult(path, patient, expect, decision, [], [.. loaded.Findings, .. unknown])
            : new CaseResult(path, patient, expect, decision, Check(decision, expect, strict), loaded.Findings);
    }

    /// <summary>Every option code of <paramref name="expectation"/> that no rule of <paramref name="ruleSet"/> suggests, as an error at its line and column.</summary>
    private static List<Finding> UnknownOptions(RuleSet ruleSet, CaseExpectation expectation, string path)
    {
        var defined = ruleSet.Rules.Select(r => r.Option).ToHashSet(StringComparer.Ordinal);
        var bad = expectation.Options.Select((o, i) => (Key: "options", Code: o, Index: i))
            .Concat(expectation.NotOptions.Select((o, i) => (Key: "notOptions", Code: o, Index: i)))
            .Where(x => !defined.Contains(x.Code))
            .ToList();
        if (bad.Count == 0)
        {
            return [];
        }

        var positions = PatientDocument.Positions(path);
        var source = System.IO.Path.GetFileName(path);
        return [.. bad.Select(x =>
        {
            var at = $"expect.{x.Key}[{x.Index}]";
            var (line, column) = positions.GetValueOrDefault(at);
            var hint = NodeContext.Suggest(x.Code, defined);
            return new Finding(Severity.Error, $"no rule of the rule set suggests the option '{YamlReader.Truncate(x.Code)}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"), source, line, column, at)
            {
                Code = FindingCodes.UnknownValue,
            };
        }).OrderBy(f => f.Line).ThenBy(f => f.Column)];
    }

    /// <summary>Checks a decision against an expectation: state, then each expected option, then each forbidden one.</summary>
    public static IReadOnlyList<ExpectationFailure> Check(Decision decision, CaseExpectation expectation) => Check(decision, expectation, strict: false);

    /// <summary>
    /// Checks a decision against an expectation: state, then each expected option, then each forbidden one,
    /// then (when <paramref name="strict"/>) each suggested option the expectation does not list.
    /// </summary>
    public static IReadOnlyList<ExpectationFailure> Check(Decision decision, CaseExpectation expectation, bool strict)
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

        // Schedule rows as "option lesions[i] table/row"; a treated lesion without a schedule as "option lesions[i]".
        var held = decision.LesionPlans.SelectMany(p => p.Schedules.Concat(p.Cautions).Select(m => $"{p.Option} lesions[{p.Lesion}] {m.Table}/{m.Row}")).ToList();
        var heldShown = held.Count == 0 ? "none" : string.Join(", ", held);
        failures.AddRange(expectation.Schedules.Where(r => !held.Contains(r, StringComparer.Ordinal))
            .Select(r => new ExpectationFailure(ExpectationFailureKind.MissingSchedule, r, heldShown)));
        failures.AddRange(expectation.NotSchedules.Where(r => held.Contains(r, StringComparer.Ordinal))
            .Select(r => new ExpectationFailure(ExpectationFailureKind.ForbiddenSchedule, r, heldShown)));
        foreach (var lesion in expectation.NoSchedule)
        {
            var plan = decision.LesionPlans.FirstOrDefault(p => string.Equals($"{p.Option} lesions[{p.Lesion}]", lesion, StringComparison.Ordinal));
            if (plan is null || plan.Schedules.Count > 0)
            {
                var got = plan is null ? "the option does not treat that lesion" : string.Join("; ", plan.Schedules.SelectMany(m => m.Doses).Select(d => d.ToString()));
                failures.Add(new ExpectationFailure(ExpectationFailureKind.UnexpectedSchedule, lesion, got));
            }
        }

        if (strict)
        {
            // A forbidden option that fired is already reported above; the rest must be listed in options.
            failures.AddRange(decision.Suggestions
                .Where(s => s.SupersededBy is null && !expectation.Options.Contains(s.Option, StringComparer.Ordinal) && !expectation.NotOptions.Contains(s.Option, StringComparer.Ordinal))
                .Select(s => new ExpectationFailure(ExpectationFailureKind.UnassertedOption, s.Option, s.Rule)));
        }

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
        // A rule that can never fire has no near misses: no case one condition away would make it fire.
        var cannotFire = rules.ToDictionary(r => r.Id, r => RuleAnalysis.CannotFire(r, rules), StringComparer.Ordinal);
        var cases = new List<string>();
        var invalid = new List<CaseResult>();
        var schedules = engine.RuleSet.Schedules;
        var planner = new LesionPlanner(schedules);
        var rowHeld = new Dictionary<(string, string), List<string>>();
        var rowNear = new Dictionary<(string, string), List<NearMiss>>();
        foreach (var t in schedules.Tables)
        {
            foreach (var r in t.Rows)
            {
                rowHeld[(t.Id, r.Id)] = [];
                rowNear[(t.Id, r.Id)] = [];
            }
        }

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
                else if (truth == Truth.False && cannotFire[rule.Id] is null && NearMissOf(evaluation!.Trace(rank)) is { } miss)
                {
                    nearMisses[rule.Id].Add(new NearMiss(path, miss.Condition, miss.Seen));
                }
            }

            var facts = evaluation?.Facts ?? PatientFactsBuilder.Build(patient, decision.Classification);
            var (held, near) = planner.Outcomes(facts, decision.LesionPlans);
            foreach (var key in held.Distinct())
            {
                rowHeld[key].Add(path);
            }

            foreach (var (table, row, condition, seen) in near.DistinctBy(n => (n.Table, n.Row)))
            {
                if (!held.Contains((table, row)))
                {
                    rowNear[(table, row)].Add(new NearMiss(path, condition, seen));
                }
            }
        }

        var entries = rules.Select(r => new RuleCoverageEntry(r.Id, r.Option, r.Kind, fired[r.Id], nearMisses[r.Id])
        {
            CannotFire = cannotFire[r.Id],
        }).ToList();
        var rows = schedules.Tables.SelectMany(t => t.Rows.Select(r => new ScheduleRowCoverageEntry(t.Id, r.Id, rowHeld[(t.Id, r.Id)], rowNear[(t.Id, r.Id)]))).ToList();
        return new RuleCoverageReport(entries, cases, invalid) { ScheduleRows = rows };
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
