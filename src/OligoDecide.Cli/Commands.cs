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
        yield return TestCases(io);
        yield return CoverageCommand(io);
        yield return Docs(io);
        yield return Generate(io);
        yield return Screen(io);
        yield return Report(io);
    }

    internal static Option<string> FormatOption() =>
        new Option<string>("--format") { Description = "Output format: text (for people) or json (for tools).", DefaultValueFactory = _ => "text" }
            .AcceptOnlyFromAmong("text", "json");

    private static Command Classify(CliIo io)
    {
        var file = new Argument<string>("file") { Description = "A patient case (.yaml or .json) or a FHIR R4 Bundle (.json) with mCODE resources." };
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
        if (IsFhirBundle(path))
        {
            var mapped = Fhir.FhirBundleDocument.Load(path);
            PrintFindings(mapped.Findings, io);
            return mapped.Patient;
        }

        var result = PatientDocument.Load(path);
        if (!result.IsValid)
        {
            PrintFindings(result.Findings, io);
            return null;
        }

        return result.Patient;
    }

    /// <summary>A .json file whose top-level resourceType is Bundle is read as FHIR (mCODE); anything else as a patient document.</summary>
    internal static bool IsFhirBundle(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return false;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[Math.Min(stream.Length, 64 * 1024)];
            stream.ReadExactly(buffer);
            var reader = new System.Text.Json.Utf8JsonReader(buffer, isFinalBlock: false, state: default);
            var depth = 0;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case System.Text.Json.JsonTokenType.StartObject or System.Text.Json.JsonTokenType.StartArray:
                        depth++;
                        break;
                    case System.Text.Json.JsonTokenType.EndObject or System.Text.Json.JsonTokenType.EndArray:
                        depth--;
                        break;
                    case System.Text.Json.JsonTokenType.PropertyName when depth == 1 && reader.ValueTextEquals("resourceType"u8):
                        return reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.String && reader.ValueTextEquals("Bundle"u8);
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return false;
    }

    internal static void PrintFindings(IEnumerable<Finding> findings, CliIo io)
    {
        foreach (var f in findings)
        {
            io.Err.WriteLine(f.ToString());
        }
    }
}
