using System.CommandLine;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Output;

namespace OligoDecide.Cli;

internal static partial class Commands
{
    public static IEnumerable<Command> All(CliIo io)
    {
        yield return Classify(io);
        yield return Suggest(io);
        yield return Explain(io);
        yield return Lint(io);
        yield return FactsCommand(io);
        yield return Generate(io);
        yield return Screen(io);
    }

    internal static Option<string> FormatOption() =>
        new Option<string>("--format") { Description = "Output format: text (for people) or json (for tools).", DefaultValueFactory = _ => "text" }
            .AcceptOnlyFromAmong("text", "json");

    private static Command Classify(CliIo io)
    {
        var file = new Argument<string>("file") { Description = "A patient case (.yaml or .json)." };
        var format = FormatOption();
        var command = new Command("classify", "Classify one patient by the ESTRO/EORTC 2020 oligometastatic classification and show the decision path.") { file, format };
        command.SetAction(parsed =>
        {
            var patient = LoadPatient(parsed.GetValue(file)!, io);
            if (patient is null)
            {
                return CliApp.InvalidInput;
            }

            var result = OligometastaticClassifier.Default.Classify(patient);
            io.Out.Write(parsed.GetValue(format) == "json" ? JsonOutput.Write(result) : TextOutput.Write(result));
            return CliApp.Ok;
        });
        return command;
    }

    internal static Model.Patient? LoadPatient(string path, CliIo io)
    {
        var result = PatientDocument.Load(path);
        if (!result.IsValid)
        {
            PrintFindings(result.Findings, io);
            return null;
        }

        return result.Patient;
    }

    internal static void PrintFindings(IEnumerable<Finding> findings, CliIo io)
    {
        foreach (var f in findings)
        {
            io.Err.WriteLine(f.ToString());
        }
    }
}
