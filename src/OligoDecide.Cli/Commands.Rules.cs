using System.CommandLine;
using OligoDecide.Engine;
using OligoDecide.Facts;
using OligoDecide.Output;
using OligoDecide.Rules;

namespace OligoDecide.Cli;

internal static partial class Commands
{
    internal static Option<string?> RulesOption() =>
        new("--rules") { Description = "A rule set folder to use instead of the embedded default rule set." };

    internal static Option<bool> VerifyOption() =>
        new("--verify") { Description = "Also run the NRules compilation of the rule set for every patient and fail (exit 1) if it disagrees with the evaluator. Slower." };

    /// <summary>Loads the rule set (default or folder) and compiles the engine; prints findings and returns null when invalid.</summary>
    /// <summary>Loads the rule set (the default one when <paramref name="rulesDir"/> is null) into an engine, or prints its errors and returns null.</summary>
    /// <param name="rulesDir">A rule folder, or null for the default rules.</param>
    /// <param name="io">Where errors go.</param>
    /// <param name="verify">Verification mode (<c>--verify</c>).</param>
    /// <param name="batch">
    /// True for a command that evaluates many patients (<c>screen</c>): the rules are compiled. Otherwise the interpreter
    /// decides them (same decisions), since compiling costs more than a few evaluations (docs/performance.md).
    /// </param>
    internal static OligoDecideEngine? LoadEngine(string? rulesDir, CliIo io, bool verify = false, bool batch = false)
    {
        RuleSet ruleSet;
        if (rulesDir is null)
        {
            ruleSet = RuleSet.LoadDefault();
        }
        else
        {
            var loaded = RuleSet.Load(rulesDir);
            if (!loaded.IsValid)
            {
                PrintFindings(loaded.Findings, io);
                return null;
            }

            ruleSet = loaded.RuleSet!;
        }

        return new OligoDecideEngine(ruleSet, null, null, verify, interpret: !batch);
    }

    private static Command Suggest(CliIo io)
    {
        var file = new Argument<string>("file") { Description = "A patient case (.yaml or .json) or a FHIR R4 Bundle (.json) with mCODE resources." };
        var format = FormatOption();
        var rules = RulesOption();
        var assessedOn = AssessedOnOption();
        var verify = VerifyOption();
        var command = new Command("suggest", "Classify one patient and list the evidence-backed options and cautions for the tumour board.") { file, rules, format, assessedOn, verify };
        command.SetAction(parsed =>
        {
            var engine = LoadEngine(parsed.GetValue(rules), io, parsed.GetValue(verify));
            InputWarnings warnings = InputWarnings.None;
            var patient = engine is null ? null : LoadPatient(parsed.GetValue(file)!, io, ParseDate(parsed.GetValue(assessedOn)), out warnings);
            if (engine is null || patient is null)
            {
                return CliApp.InvalidInput;
            }

            Decision decision;
            try
            {
                decision = engine.Evaluate(patient);
            }
            catch (EngineVerificationException ex)
            {
                io.Err.WriteLine("error: " + ex.Message);
                return CliApp.InternalFailure;
            }

            io.Out.Write(parsed.GetValue(format) == "json" ? JsonOutput.Write(decision, warnings) : TextOutput.Write(decision));
            return CliApp.Ok;
        });
        return command;
    }

    private static Command Explain(CliIo io)
    {
        var rule = new Argument<string>("rule") { Description = "A rule id, or an option code (every rule that suggests it is explained)." };
        var file = new Argument<string>("file") { Description = "A patient case (.yaml or .json) or a FHIR R4 Bundle (.json) with mCODE resources." };
        var rules = RulesOption();
        var assessedOn = AssessedOnOption();
        var command = new Command(
            "explain",
            "Show every condition of a rule (or of every rule that suggests an option) for one patient as true, false or unknown, with the value seen, each lesion of a lesion condition, and the rules a 'suggested' condition chains on.")
        {
            rule, file, rules, assessedOn,
        };
        command.SetAction(parsed =>
        {
            var engine = LoadEngine(parsed.GetValue(rules), io);
            var patient = engine is null ? null : LoadPatient(parsed.GetValue(file)!, io, ParseDate(parsed.GetValue(assessedOn)), out _);
            if (engine is null || patient is null)
            {
                return CliApp.InvalidInput;
            }

            var id = parsed.GetValue(rule)!;
            var chosen = engine.RuleSet.Rules.Where(r => r.Id == id).ToList();
            if (chosen.Count == 0)
            {
                chosen = [.. engine.RuleSet.Rules.Where(r => r.Option == id)];
            }

            if (chosen.Count == 0)
            {
                var hint = Documents.NodeContext.Suggest(id, engine.RuleSet.Rules.SelectMany(r => new[] { r.Id, r.Option }).Distinct());
                io.Err.WriteLine($"error: the rule set has no rule or option '{Documents.YamlReader.Truncate(id)}'" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"));
                return CliApp.InvalidInput;
            }

            for (var i = 0; i < chosen.Count; i++)
            {
                if (i > 0)
                {
                    io.Out.WriteLine();
                }

                var lines = engine.Explain(chosen[i].Id, patient);
                io.Out.WriteLine($"Rule {chosen[i].Id}" + (chosen[i].Option == chosen[i].Id ? string.Empty : $" (option {chosen[i].Option})") + $": {lines[0].Truth.ToString().ToLowerInvariant()}");
                foreach (var line in lines)
                {
                    io.Out.Write(new string(' ', 2 + (line.Depth * 2)));
                    io.Out.Write($"[{line.Truth.ToString().ToLowerInvariant()}] {line.Condition}");
                    io.Out.WriteLine(line.Seen.Length > 0 ? $"   (seen: {line.Seen})" : string.Empty);
                }
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command Lint(CliIo io)
    {
        var dir = new Argument<string?>("dir") { Description = "The rule set folder (default: the embedded rule set).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("lint", "Check a rule set: errors and warnings with file:line:column.") { dir };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(dir);
            var result = path is null ? LintDefault() : RuleSet.Load(path);
            PrintFindings(result.Findings, io);
            var errors = result.Findings.Count(f => f.Severity == Severity.Error);
            var warnings = result.Findings.Count - errors;
            io.Out.WriteLine(result.IsValid
                ? $"{result.RuleSet!.Info.Id} {result.RuleSet.Info.Version}: {result.RuleSet.Rules.Count} rules, {result.RuleSet.Citations.Count} citations, {errors} error(s), {warnings} warning(s)"
                : $"{errors} error(s), {warnings} warning(s): the rule set does not load");
            return result.IsValid ? CliApp.Ok : CliApp.InvalidInput;
        });
        return command;
    }

    private static RuleSetLoadResult LintDefault() => RuleSet.LoadDefaultWithFindings();

    private static Command FactsCommand(CliIo io)
    {
        var format = FormatOption();
        var command = new Command("facts", "List the facts rules may test, with types and allowed values.") { format };
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(format) == "json")
            {
                io.Out.Write(JsonOutput.WriteFacts());
                return CliApp.Ok;
            }

            io.Out.WriteLine("Facts (use with `fact:` in a rule's when):");
            foreach (var f in FactCatalog.Facts)
            {
                WriteFact(io, f);
            }

            io.Out.WriteLine();
            io.Out.WriteLine("Lesion fields (use in anyLesion / allLesions / countLesions.where):");
            foreach (var f in FactCatalog.LesionFields)
            {
                WriteFact(io, f);
            }

            io.Out.WriteLine();
            io.Out.WriteLine("Therapy fields (use in anyTherapy / allTherapies / countTherapies.where):");
            foreach (var f in FactCatalog.TherapyFields)
            {
                WriteFact(io, f);
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static void WriteFact(CliIo io, FactDefinition f)
    {
        var type = f.Type switch
        {
            FactType.Enumeration => "one of: " + string.Join(", ", f.AllowedValues),
            FactType.EnumerationSet => "set of: " + string.Join(", ", f.AllowedValues),
            _ => f.Type.ToString().ToLowerInvariant(),
        };
        io.Out.WriteLine($"  {f.Name}  ({type})");
        io.Out.WriteLine($"      {f.Description}");
    }
}
