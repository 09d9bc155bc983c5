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

    /// <summary><c>--assessed-on DATE</c>: "today" for FHIR Bundles (instead of Bundle.timestamp, which is optional in R4).</summary>
    internal static Option<string?> AssessedOnOption()
    {
        var option = new Option<string?>("--assessed-on")
        {
            Description = "The assessment date (YYYY-MM-DD) for FHIR Bundles: 'today' for every date comparison, used instead of Bundle.timestamp. Patient documents carry their own assessedOn.",
        };
        option.Validators.Add(r =>
        {
            if (r.GetValue(option) is { } text && ParseDate(text) is null)
            {
                r.AddError("--assessed-on must be a date written YYYY-MM-DD, e.g. 2025-11-20.");
            }
        });
        return option;
    }

    internal static DateOnly? ParseDate(string? text) =>
        text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;

    private static Command Classify(CliIo io)
    {
        var file = new Argument<string>("file") { Description = "A patient case (.yaml or .json) or a FHIR R4 Bundle (.json) with mCODE resources." };
        var format = FormatOption();
        var assessedOn = AssessedOnOption();
        var command = new Command("classify", "Classify one patient by the ESTRO/EORTC 2020 oligometastatic classification and show the decision path.") { file, format, assessedOn };
        command.SetAction(parsed =>
        {
            var patient = LoadPatient(parsed.GetValue(file)!, io, ParseDate(parsed.GetValue(assessedOn)), out _);
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

    /// <summary>Reads a case (patient document or FHIR Bundle), prints its findings (grouped), and returns the patient or null.</summary>
    /// <param name="path">The case file.</param>
    /// <param name="io">Where findings are printed.</param>
    /// <param name="assessedOn">The assessment date for a FHIR Bundle (--assessed-on), or null for its timestamp.</param>
    /// <param name="warnings">What the decision JSON's warnings block carries: the reader's warnings and, for FHIR, the ignored resources.</param>
    internal static Model.Patient? LoadPatient(string path, CliIo io, DateOnly? assessedOn, out InputWarnings warnings)
    {
        if (IsFhirBundle(path))
        {
            var mapped = Fhir.FhirBundleDocument.Load(path, assessedOn);
            PrintFindings(mapped.Findings, io);
            warnings = mapped.InputWarnings;
            return mapped.Patient;
        }

        // Errors, and also the warnings of a usable document (e.g. a lesion listed twice): the user must see them.
        var result = PatientDocument.Load(path);
        warnings = new InputWarnings([.. result.Findings.Where(f => f.Severity == Severity.Warning)], []);
        if (!result.IsValid)
        {
            PrintFindings(result.Findings, io);
            return null;
        }

        return result.Patient;
    }

    /// <summary>Reads a case file for <c>test</c>, <c>coverage</c> and <c>screen</c>: a FHIR Bundle (mapped with <paramref name="assessedOn"/>) or a patient document.</summary>
    internal static PatientLoadResult LoadCase(string path, DateOnly? assessedOn)
    {
        if (IsFhirBundle(path))
        {
            var mapped = Fhir.FhirBundleDocument.Load(path, assessedOn);
            return new PatientLoadResult(mapped.Patient, null, mapped.Findings);
        }

        return PatientDocument.Load(path);
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

    /// <summary>Prints findings one per line; a line repeated (the same cause) is printed once with its count.</summary>
    internal static void PrintFindings(IEnumerable<Finding> findings, CliIo io)
    {
        foreach (var group in findings.Select(f => f.ToString()).GroupBy(line => line, StringComparer.Ordinal))
        {
            var count = group.Count();
            io.Err.WriteLine(count == 1 ? group.Key : $"{group.Key} (repeated {count} times)");
        }
    }
}
