using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OligoDecide.Coverage;
using OligoDecide.Output;

namespace OligoDecide.Cli;

internal static partial class Commands
{
    private static Argument<string[]> CaseDirsArgument() =>
        new("dir") { Description = "Case folders (their *.yaml, *.yml and *.json files) or single case files.", Arity = ArgumentArity.OneOrMore };

    /// <summary><c>oligodecide test DIR...</c>: every case with an <c>expect</c> block must hold. Exit 3 on any failed expectation.</summary>
    private static Command TestCases(CliIo io)
    {
        var dirs = CaseDirsArgument();
        var rules = RulesOption();
        var assessedOn = AssessedOnOption();
        var strict = new Option<bool>("--strict") { Description = "Also fail every suggested option a case does not list in expect.options (so a new rule shows where it changes old answers)." };
        var command = new Command("test", "Run every case that has an expect block and report each failed expectation (exit 3 on any failure). FHIR Bundles are read and checked to map; they carry no expect block.") { dirs, rules, assessedOn, strict };
        command.SetAction(parsed =>
        {
            var engine = LoadEngine(parsed.GetValue(rules), io);
            if (engine is null)
            {
                return CliApp.InvalidInput;
            }

            int passed = 0, failed = 0, skipped = 0, invalid = 0;
            foreach (var path in CaseRunner.FindCases(parsed.GetValue(dirs)!))
            {
                var date = ParseDate(parsed.GetValue(assessedOn));
                var result = CaseRunner.CheckCase(engine, path, p => LoadCase(p, date), parsed.GetValue(strict));
                if (!result.IsValid)
                {
                    invalid++;
                    PrintFindings(result.Findings, io);
                    io.Out.WriteLine($"INVALID {path}");
                }
                else if (!result.HasExpectation)
                {
                    skipped++;
                }
                else if (result.Failures.Count > 0)
                {
                    failed++;
                    foreach (var failure in result.Failures)
                    {
                        io.Out.WriteLine($"FAIL {path}: {failure.Message}");
                    }
                }
                else
                {
                    passed++;
                }
            }

            io.Out.WriteLine($"{passed} passed, {failed} failed, {invalid} invalid, {skipped} without expect");
            return invalid > 0 ? CliApp.InvalidInput : failed > 0 ? CliApp.ChecksFailed : CliApp.Ok;
        });
        return command;
    }

    /// <summary><c>oligodecide coverage DIR...</c>: which rules the cases fire and nearly fire. Exit 3 under <c>--min</c>.</summary>
    private static Command CoverageCommand(CliIo io)
    {
        var dirs = CaseDirsArgument();
        var rules = RulesOption();
        var format = FormatOption();
        var min = new Option<decimal?>("--min") { Description = "Fail (exit 3) when fewer than this percent of rules fire on some case (0-100)." };
        min.Validators.Add(r =>
        {
            if (r.GetValue(min) is { } m && (m < 0 || m > 100))
            {
                r.AddError("--min must be between 0 and 100.");
            }
        });
        var assessedOn = AssessedOnOption();
        var ruleIds = new Option<string[]>("--rule") { Description = "Only this rule (repeat for several); the summary and --min count only the rules shown." };
        var optionCodes = new Option<string[]>("--option") { Description = "Only the rules that suggest this option code (repeat for several)." };
        var command = new Command("coverage", "For every rule: the cases where it fired, near misses (one condition short), and rules never fired.") { dirs, rules, min, format, assessedOn, ruleIds, optionCodes };
        command.SetAction(parsed =>
        {
            var engine = LoadEngine(parsed.GetValue(rules), io);
            if (engine is null)
            {
                return CliApp.InvalidInput;
            }

            var onlyRules = parsed.GetValue(ruleIds) ?? [];
            var onlyOptions = parsed.GetValue(optionCodes) ?? [];
            if (!KnownIds(onlyRules, engine.RuleSet.Rules.Select(r => r.Id), "rule", io) | !KnownIds(onlyOptions, engine.RuleSet.Rules.Select(r => r.Option), "option", io))
            {
                return CliApp.InvalidInput;
            }

            var date = ParseDate(parsed.GetValue(assessedOn));
            var report = CaseRunner.Coverage(engine, CaseRunner.FindCases(parsed.GetValue(dirs)!), p => LoadCase(p, date));
            if (onlyRules.Length > 0 || onlyOptions.Length > 0)
            {
                report = report with { Rules = [.. report.Rules.Where(r => onlyRules.Contains(r.RuleId, StringComparer.Ordinal) || onlyOptions.Contains(r.Option, StringComparer.Ordinal))] };
            }
            foreach (var bad in report.InvalidCases)
            {
                PrintFindings(bad.Findings, io);
            }

            io.Out.Write(parsed.GetValue(format) == "json" ? CoverageJson(report) : CoverageText(report));
            if (report.InvalidCases.Count > 0)
            {
                return CliApp.InvalidInput;
            }

            if (parsed.GetValue(min) is { } minimum && (report.Percent < minimum || report.ScheduleRowPercent < minimum))
            {
                if (report.Percent < minimum)
                {
                    io.Err.WriteLine($"coverage {Pct(report.Percent)}% is under the minimum {Pct(minimum)}%");
                }

                if (report.ScheduleRowPercent < minimum)
                {
                    io.Err.WriteLine($"schedule-row coverage {Pct(report.ScheduleRowPercent)}% is under the minimum {Pct(minimum)}%");
                }

                return CliApp.ChecksFailed;
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary><c>oligodecide docs</c>: the rule-set reference page (docs/rules.md) generated from the rules.</summary>
    private static Command Docs(CliIo io)
    {
        var rules = RulesOption();
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("docs", "Write the rule-set reference page (Markdown): every rule with its conditions, dose and evidence, then the citations.") { rules, output };
        command.SetAction(parsed =>
        {
            var engine = LoadEngine(parsed.GetValue(rules), io);
            if (engine is null)
            {
                return CliApp.InvalidInput;
            }

            var markdown = RuleSetMarkdown.Write(engine.RuleSet);
            if (parsed.GetValue(output) is { } path)
            {
                File.WriteAllText(path, markdown, new UTF8Encoding(false));
            }
            else
            {
                io.Out.Write(markdown);
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Reports each id that is not among <paramref name="known"/> (with "did you mean"); true when all are known.</summary>
    private static bool KnownIds(IEnumerable<string> ids, IEnumerable<string> known, string what, CliIo io)
    {
        var all = known.ToHashSet(StringComparer.Ordinal);
        var ok = true;
        foreach (var id in ids.Where(i => !all.Contains(i)))
        {
            var hint = Documents.NodeContext.Suggest(id, all);
            io.Err.WriteLine($"error: the rule set has no {what} '{Documents.YamlReader.Truncate(id)}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"));
            ok = false;
        }

        return ok;
    }

    private static string Pct(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal static string CoverageText(RuleCoverageReport report)
    {
        var sb = new StringBuilder();
        var width = Math.Max(4, report.Rules.Select(r => r.RuleId.Length).DefaultIfEmpty(0).Max());
        sb.Append("Rule".PadRight(width)).Append("  Fired  Near misses\n");
        foreach (var r in report.Rules)
        {
            sb.Append(r.RuleId.PadRight(width)).Append("  ")
                .Append(r.FiredIn.Count.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append("  ")
                .Append(r.NearMisses.Count.ToString(CultureInfo.InvariantCulture).PadLeft(11)).Append('\n');
        }

        sb.Append('\n');
        foreach (var r in report.Rules)
        {
            sb.Append(r.RuleId).Append(" (").Append(r.Option).Append(")\n");
            sb.Append("  fired in: ").Append(r.FiredIn.Count == 0 ? "none" : string.Join(", ", r.FiredIn.Select(Path.GetFileName))).Append('\n');
            if (r.CannotFire is { } why)
            {
                sb.Append("  can never fire: ").Append(why).Append('\n');
            }

            foreach (var m in r.NearMisses)
            {
                sb.Append("  near miss: ").Append(Path.GetFileName(m.Case)).Append(": ").Append(m.Condition);
                sb.Append(m.Seen.Length > 0 ? $" (seen: {m.Seen})" : string.Empty).Append('\n');
            }
        }

        if (report.ScheduleRows.Count > 0)
        {
            sb.Append('\n').Append("Schedule row".PadRight(47)).Append(" Held  Near misses\n");
            foreach (var r in report.ScheduleRows)
            {
                sb.Append((r.Table + "/" + r.Row).PadRight(47)).Append(r.HeldIn.Count.ToString(CultureInfo.InvariantCulture).PadLeft(5)).Append("  ")
                    .Append(r.NearMisses.Count.ToString(CultureInfo.InvariantCulture).PadLeft(11)).Append('\n');
                foreach (var m in r.NearMisses)
                {
                    sb.Append("  near miss: ").Append(Path.GetFileName(m.Case)).Append(": ").Append(m.Condition).Append(" (seen: ").Append(m.Seen).Append(")\n");
                }
            }

            sb.Append("Rows never held: ").Append(report.RowsNeverHeld.Count == 0 ? "none" : string.Join(", ", report.RowsNeverHeld)).Append('\n');
            sb.Append("Schedule rows: ").Append(Pct(report.ScheduleRowPercent)).Append("% held on some case\n");
        }

        sb.Append('\n');
        var never = report.Rules.Where(r => !r.Fired).Select(r => r.CannotFire is null ? r.RuleId : r.RuleId + " (can never fire)").ToList();
        sb.Append("Never fired: ").Append(never.Count == 0 ? "none" : string.Join(", ", never)).Append('\n');
        sb.Append("Coverage: ").Append(report.FiredCount).Append(" of ").Append(report.Rules.Count)
            .Append(" rules fired (").Append(Pct(report.Percent)).Append("%) on ").Append(report.Cases.Count).Append(" case(s)\n");
        return sb.ToString();
    }

    internal static string CoverageJson(RuleCoverageReport report) => JsonOutput.Render(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("cases", report.Cases.Count);
        w.WriteNumber("rules", report.Rules.Count);
        w.WriteNumber("fired", report.FiredCount);
        w.WriteNumber("percent", report.Percent);
        JsonOutput.WriteStrings(w, "neverFired", report.NeverFired);
        w.WriteStartArray("coverage");
        foreach (var r in report.Rules)
        {
            w.WriteStartObject();
            w.WriteString("rule", r.RuleId);
            w.WriteString("option", r.Option);
            w.WriteString("kind", Documents.KebabCase.Name(r.Kind));
            JsonOutput.WriteStrings(w, "firedIn", r.FiredIn);
            w.WriteString("cannotFire", r.CannotFire);
            WriteNearMisses(w, r.NearMisses);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("scheduleRowPercent", report.ScheduleRowPercent);
        JsonOutput.WriteStrings(w, "rowsNeverHeld", report.RowsNeverHeld);
        w.WriteStartArray("scheduleRows");
        foreach (var r in report.ScheduleRows)
        {
            w.WriteStartObject();
            w.WriteString("table", r.Table);
            w.WriteString("row", r.Row);
            JsonOutput.WriteStrings(w, "heldIn", r.HeldIn);
            WriteNearMisses(w, r.NearMisses);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>nearMisses[{case, condition, seen}]</c> of a rule or a schedule row in the coverage JSON.</summary>
    private static void WriteNearMisses(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<NearMiss> nearMisses)
    {
        w.WriteStartArray("nearMisses");
        foreach (var m in nearMisses)
        {
            w.WriteStartObject();
            w.WriteString("case", m.Case);
            w.WriteString("condition", m.Condition);
            w.WriteString("seen", m.Seen);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
