using System.CommandLine;
using System.Text;
using OligoDecide.Coverage;
using OligoDecide.Output;

namespace OligoDecide.Cli;

internal static partial class Commands
{
    /// <summary>
    /// <c>oligodecide report FILE... [--out DIR]</c>: one tumour-board page per case, and an agenda
    /// (index.html) when there are several. Every case is read and evaluated before anything is
    /// written: one invalid case means exit 2 and no file.
    /// </summary>
    private static Command Report(CliIo io)
    {
        var files = new Argument<string[]>("file") { Description = "Patient cases (.yaml, .yml, .json, or FHIR R4 Bundles) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "The folder to write the pages to (created if absent). Default: the current folder." };
        var rules = RulesOption();
        var assessedOn = AssessedOnOption();
        var command = new Command("report", "Write a self-contained HTML tumour-board page per case (timeline, decision path, lesions, options with evidence, facts to complete), and an agenda page for several cases.") { files, output, rules, assessedOn };
        command.SetAction(parsed =>
        {
            var engine = LoadEngine(parsed.GetValue(rules), io);
            if (engine is null)
            {
                return CliApp.InvalidInput;
            }

            var paths = CaseRunner.FindCases(parsed.GetValue(files)!);
            if (paths.Count == 0)
            {
                io.Err.WriteLine("error: no case file found in the folders given");
                return CliApp.InvalidInput;
            }

            var entries = new List<ReportIndexEntry>();
            var invalid = false;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index" };
            foreach (var path in paths)
            {
                if (!File.Exists(path))
                {
                    io.Err.WriteLine($"{path}: error: file not found");
                    invalid = true;
                    continue;
                }

                var patient = LoadPatient(path, io, ParseDate(parsed.GetValue(assessedOn)), out _);
                if (patient is null)
                {
                    invalid = true;
                    continue;
                }

                entries.Add(new ReportIndexEntry(PageName(path, names) + ".html", patient, engine.Evaluate(patient)));
            }

            if (invalid)
            {
                io.Err.WriteLine("report: nothing written; fix the cases above first");
                return CliApp.InvalidInput;
            }

            var folder = parsed.GetValue(output) ?? ".";
            Directory.CreateDirectory(folder);
            var utf8 = new UTF8Encoding(false);
            foreach (var e in entries)
            {
                var target = Path.Combine(folder, e.Href);
                File.WriteAllText(target, ReportWriter.Write(e.Decision, e.Patient), utf8);
                io.Out.WriteLine(target);
            }

            if (entries.Count > 1)
            {
                var index = Path.Combine(folder, "index.html");
                File.WriteAllText(index, ReportWriter.WriteIndex(entries), utf8);
                io.Out.WriteLine(index);
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The page's file name: the case file's name reduced to <c>[A-Za-z0-9._-]</c>, made unique with <c>-2</c>, <c>-3</c>…</summary>
    internal static string PageName(string casePath, ISet<string> taken)
    {
        var stem = Path.GetFileNameWithoutExtension(casePath);
        var sb = new StringBuilder(stem.Length);
        foreach (var c in stem)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        var name = sb.Length == 0 || sb[0] == '.' ? "case" + sb : sb.ToString();
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = name + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
